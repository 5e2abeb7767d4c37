// CI's short soak (20 s; `npm run soak -- --seconds 300` is the long one): the real program under steady mixed reads
// and writes answers every request without error, its memory does not climb, and p99 is reported.
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { runSoak } from '../soak/soak.ts';

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

test('20 s of steady mixed reads and writes: no error, memory flat, p99 reported', async () => {
  const report = await runSoak({ seconds: 20, rate: 40, writeShare: 0.1, databaseUrl: database.url });
  process.stdout.write(`soak: ${JSON.stringify(report)}\n`);
  expect(report.errorSamples).toEqual([]);
  expect(report.errors).toBe(0);
  expect(report.writes).toBeGreaterThan(0);
  // Generous: a leak at this rate shows as steady growth well past allocator noise.
  expect(report.rssGrowthMb).toBeLessThan(100);
}, 120_000);
