// Each test class runs a real node and a real browser; on a 2-core machine they run one at a time so a slow
// neighbour never turns into a timeout.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
