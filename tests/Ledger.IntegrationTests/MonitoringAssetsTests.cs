using System.Text.Json;
using Ledger.IntegrationTests.Infrastructure;
using Ledger.LoadGen.Rpc;
using Xunit.Abstractions;
using YamlDotNet.RepresentationModel;

namespace Ledger.IntegrationTests;

/// <summary>
/// The Grafana dashboard and Prometheus alert rules in docs/monitoring query only metrics a running consortium node
/// exports (issue 14, item 6). A metric renamed in code, or a panel added for a metric that does not exist yet, fails
/// here with the panel or alert that queries it.
/// </summary>
public sealed class MonitoringAssetsTests(ITestOutputHelper output)
{
    /// <summary>Series Prometheus makes itself, not the node.</summary>
    private static readonly HashSet<string> PrometheusSeries = ["up"];

    private static string Dashboard => Path.Combine(RepoPaths.Root, "docs", "monitoring", "ledger-dashboard.json");

    private static string Alerts => Path.Combine(RepoPaths.Root, "docs", "monitoring", "ledger-alerts.yml");

    [Fact]
    public async Task Every_metric_the_dashboard_and_the_alert_rules_query_is_exported_by_a_running_consortium_node()
    {
        var queries = DashboardQueries().Concat(AlertQueries()).ToList();
        Assert.True(queries.Count >= 20, $"only {queries.Count} queries found: the assets did not parse as expected");

        using var cluster = ConsensusCluster.Start();
        var node = cluster.Node(0);
        await ConsensusCluster.WaitForHeightAsync(node, 3, TimeSpan.FromSeconds(60));
        using var rpc = new JsonRpcClient(node.RpcUrl);
        await rpc.BlockNumberAsync();
        await Assert.ThrowsAnyAsync<Exception>(() => rpc.CallAsync("ledger_noSuchMethod")); // an RPC error, so its series exists
        using var http = new HttpClient();
        var exposition = await http.GetStringAsync(new Uri(node.RpcUrl, "/metrics"));
        var exported = PromQl.ExposedNames(exposition);

        var missing = new List<string>();
        foreach (var (where, expression) in queries)
        {
            foreach (var metric in PromQl.MetricNames(expression))
            {
                if (!exported.Contains(metric) && !PrometheusSeries.Contains(metric))
                {
                    missing.Add($"{where} queries metric {metric}, which the node does not export");
                }
            }
        }

        output.WriteLine($"{queries.Count} queries checked against {exported.Count} exported series names");
        Assert.True(missing.Count == 0, string.Join('\n', missing) + "\n\nexported: " + string.Join(", ", exported.Order(StringComparer.Ordinal)));
    }

    [Fact]
    public void Every_alert_rule_has_an_expression_a_duration_a_severity_and_a_summary()
    {
        var rules = AlertRules().ToList();
        Assert.Contains(rules, r => r.Name == "LedgerNoNewBlock");
        Assert.Contains(rules, r => r.Name == "LedgerRoundChangesRising");
        Assert.Contains(rules, r => r.Name == "LedgerPeerLost");
        Assert.Contains(rules, r => r.Name == "LedgerDiskNearlyFull");
        foreach (var rule in rules)
        {
            Assert.False(string.IsNullOrWhiteSpace(Scalar(rule.Node, "expr")), $"alert {rule.Name} has no expr");
            Assert.Matches(@"^\d+[smh]$", Scalar(rule.Node, "for"));
            Assert.Contains(Scalar(Mapping(rule.Node, "labels"), "severity"), new[] { "critical", "warning" });
            Assert.False(string.IsNullOrWhiteSpace(Scalar(Mapping(rule.Node, "annotations"), "summary")), $"alert {rule.Name} has no summary");
        }
    }

    [Fact]
    public void Metric_names_are_read_from_promql_without_functions_labels_keywords_or_grafana_variables()
    {
        var names = PromQl.MetricNames(
            "histogram_quantile(0.99, sum by (le, phase) (rate(ledger_a_bucket{instance=~\"$instance\",x=\"y(z)\"}[$__rate_interval]))) "
            + "/ ledger_b - 1 > bool 5e3 and on (instance) ledger_c offset 5m unless time() - ledger_d{code=\"-1\"} > 26 * 3600");

        Assert.Equal(["ledger_a_bucket", "ledger_b", "ledger_c", "ledger_d"], names.Order(StringComparer.Ordinal));
        Assert.Equal(["ledger_x", "ledger_y_bucket"], PromQl.ExposedNames("# HELP ledger_x x\nledger_x 1\nledger_y_bucket{le=\"1\"} 0\n").Order(StringComparer.Ordinal));
    }

    private static IEnumerable<(string Where, string Expression)> DashboardQueries()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Dashboard));
        var results = new List<(string, string)>();
        foreach (var panel in Panels(document.RootElement))
        {
            var title = panel.GetProperty("title").GetString();
            foreach (var target in panel.GetProperty("targets").EnumerateArray())
            {
                results.Add(($"dashboard panel '{title}'", target.GetProperty("expr").GetString()!));
            }
        }

        foreach (var variable in document.RootElement.GetProperty("templating").GetProperty("list").EnumerateArray())
        {
            if (variable.GetProperty("type").GetString() == "query")
            {
                // label_values(metric, label): the metric must exist for the variable to list anything.
                var query = variable.GetProperty("query").GetString()!;
                var metric = System.Text.RegularExpressions.Regex.Match(query, @"^label_values\((?<expr>[^,]+),");
                Assert.True(metric.Success, $"dashboard variable query '{query}' is not label_values(metric, label)");
                results.Add(($"dashboard variable '{variable.GetProperty("name").GetString()}'", metric.Groups["expr"].Value));
            }
        }

        return results;
    }

    /// <summary>Panels, including those nested in collapsed rows.</summary>
    private static IEnumerable<JsonElement> Panels(JsonElement container)
    {
        foreach (var panel in container.GetProperty("panels").EnumerateArray())
        {
            if (panel.TryGetProperty("targets", out _))
            {
                yield return panel;
            }

            if (panel.TryGetProperty("panels", out _))
            {
                foreach (var inner in Panels(panel))
                {
                    yield return inner;
                }
            }
        }
    }

    private static IEnumerable<(string Where, string Expression)> AlertQueries() =>
        AlertRules().Select(r => ($"alert rule {r.Name}", Scalar(r.Node, "expr")));

    private static IEnumerable<(string Name, YamlMappingNode Node)> AlertRules()
    {
        var yaml = new YamlStream();
        using (var reader = new StreamReader(Alerts))
        {
            yaml.Load(reader);
        }

        var root = (YamlMappingNode)yaml.Documents[0].RootNode;
        foreach (var group in (YamlSequenceNode)root.Children[new YamlScalarNode("groups")])
        {
            foreach (var rule in (YamlSequenceNode)((YamlMappingNode)group).Children[new YamlScalarNode("rules")])
            {
                var mapping = (YamlMappingNode)rule;
                yield return (Scalar(mapping, "alert"), mapping);
            }
        }
    }

    private static YamlMappingNode Mapping(YamlMappingNode node, string key) => (YamlMappingNode)node.Children[new YamlScalarNode(key)];

    private static string Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? ((YamlScalarNode)value).Value ?? "" : "";
}
