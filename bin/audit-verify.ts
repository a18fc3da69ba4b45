/**
 * Verifies the audit trail's hash chain in DATABASE_URL (or the embedded database), like GET /api/audit/verify.
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
      console.log(`rantai audit utuh: ${r.checked} entri diperiksa dalam ${secs} s${r.head ? `; kepala pos ${r.head.pos} hash ${r.head.hash}` : ''}`);
      return 0;
    }
    console.log(`rantai audit RUSAK pada pos ${r.brokenAt!.pos} (${r.brokenAt!.reason}); ${r.checked} entri diperiksa`);
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
