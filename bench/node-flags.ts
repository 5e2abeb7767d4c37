// The Node flags the benchmarked servers run with: `npm start`'s (package.json), so the bench measures the server as
// it ships. The floor gets the same, so both run on the same runtime settings.
// A young generation of 2 × 32 MB instead of Node 20's 2 × 16 MB: a request's short-lived objects die before a
// scavenge far more often, so fewer are copied and promoted. Node CPU per uncached page, alternating: article
// 1.19 → 1.01 ms, entity 0.74 → 0.65 ms (see README, "Before and after").
export const SERVER_NODE_FLAGS = ['--max-semi-space-size=32'];
