/**
 * Verifies the audit trail in DATABASE_URL (or the embedded database), like GET /api/audit/verify: the global v1/v2
 * chain, every package's v3 chain and the anchors of the packages' heads (domain/audit/chain.ts, anchor.ts).
 * Prints progress on long chains; exits 0 when the chain holds, 1 naming the first broken position, 2 on an error.
 *   npm run audit:verify [-- --batch-size=N]
 */
import { createDb } from '../db/connection';
import { verifyAuditLog } from '../db/queries/audit';
import { databaseUrlOf, loadConfig } from '../runtime/config';

function batchSizeArg(argv: string[]): number {
  const arg = argv.find((a) => a.startsWith('--batch-size='));
  const n = arg ? Number(arg.slice('--batch-size='.length)) : 5_000;
  if (!Number.isInteger(n) || n < 1 || n > 100_000) throw new Error(`--batch-size must be an integer in 1..100000, got '${arg}'`);
  return n;
}

async function main(): Promise<number> {
  const batchSize = batchSizeArg(process.argv.slice(2));
  const db = createDb(databaseUrlOf(loadConfig()), { pool: { min: 0, max: 1 } });
  try {
    const t0 = Date.now();
    const r = await verifyAuditLog(db, { batchSize, onProgress: (n) => console.log(`diperiksa ${n} entri…`) });
    const secs = ((Date.now() - t0) / 1000).toFixed(1);
    if (r.ok) {
      const anchors = r.anchors?.last ? `; ${r.anchors.checked} jangkar, terakhir #${r.anchors.last.seq} hash ${r.anchors.last.hash}` : '';
      console.log(`rantai audit utuh: ${r.checked} entri diperiksa dalam ${secs} s${r.head ? `; kepala pos ${r.head.pos} hash ${r.head.hash}` : ''}${anchors}`);
      return 0;
    }
    const anchor = r.brokenAt!.anchor === undefined ? '' : ` di jangkar #${r.brokenAt!.anchor}`;
    console.log(`rantai audit RUSAK pada pos ${r.brokenAt!.pos}${anchor} (${r.brokenAt!.reason}); ${r.checked} entri diperiksa`);
    return 1;
  } finally {
    await db.destroy();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exitCode = 2;
  },
);
