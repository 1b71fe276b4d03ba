// The subset runs four real nodes per test; on a 2-core machine the tests run one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
