// Each test here runs a real node (and the JavaScript suite a Node.js process too); on a 2-core machine they
// run one at a time so a slow neighbour never turns into a timeout.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
