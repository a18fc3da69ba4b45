/** The services bin/test.ts started for this run; integration tests refuse to run without them. */
export function testServices(): { temporalAddress: string; databaseUrl: string } {
  const temporalAddress = process.env.TEST_TEMPORAL_ADDRESS;
  const databaseUrl = process.env.TEST_DATABASE_URL;
  if (!temporalAddress || !databaseUrl) {
    throw new Error('integration tests need the services that `bash bin/test.sh` (or `npx tsx bin/test.ts`) starts');
  }
  return { temporalAddress, databaseUrl };
}
