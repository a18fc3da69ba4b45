/**
 * Registers the package search attributes (runtime/search-attributes.ts) on TEMPORAL_ADDRESS / TEMPORAL_NAMESPACE
 * (TLS and API key from the same environment as the worker's: @temporalio/envconfig), for a namespace whose workers
 * may not register them themselves. Idempotent. `--check` only reports, exiting 1 when any is missing.
 *
 *   npx tsx bin/search-attributes.ts [--check]
 */
import { loadConfig, temporalAddressOf } from '../runtime/config';
import { cliTypeOf, ensureSearchAttributes, PACKAGE_SEARCH_ATTRIBUTES, searchAttributesStatus, SearchAttributesMissing } from '../runtime/search-attributes';
import { connectClient } from '../runtime/temporal';

async function main(): Promise<number> {
  const cfg = loadConfig();
  const client = await connectClient({ address: temporalAddressOf(cfg), namespace: cfg.temporalNamespace });
  const namespace = client.options.namespace;
  try {
    if (process.argv.includes('--check')) {
      const { missing, conflicting } = await searchAttributesStatus(client.connection, namespace);
      if (!missing.length && !conflicting.length) {
        console.log(`namespace '${namespace}' has every package search attribute`);
        return 0;
      }
      console.error(new SearchAttributesMissing(namespace, missing, conflicting).message);
      return 1;
    }
    await ensureSearchAttributes(client.connection, namespace);
    console.log(`namespace '${namespace}': ${PACKAGE_SEARCH_ATTRIBUTES.map((k) => `${k.name} (${cliTypeOf(k)})`).join(', ')}`);
    return 0;
  } catch (e) {
    if (!(e instanceof SearchAttributesMissing)) throw e;
    console.error(e.message);
    return 1;
  } finally {
    await client.connection.close();
  }
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
