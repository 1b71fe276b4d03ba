using System.Text.Encodings.Web;
using System.Text.Json;

namespace Ledger.Core.Genesis;

/// <summary>Writes a <see cref="GenesisConfig"/> in the exact shape <see cref="GenesisParser"/> reads.</summary>
internal static class GenesisWriter
{
    public static string Write(GenesisConfig config)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions
        {
            Indented = true,
            IndentSize = 2,
            // A config file is read by people: keep "&", "+" and non-ASCII names as they are (it is never HTML).
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        }))
        {
            json.WriteStartObject();
            json.WriteNumber("chainId", config.ChainId);
            json.WriteString("name", config.Name);
            json.WriteNumber("timestampMs", config.TimestampMs);
            WriteArray(json, "banks", config.Banks, (w, b) =>
            {
                w.WriteString("id", b.Id);
                w.WriteString("name", b.Name);
                w.WriteString("operator", b.Operator.ToChecksumString());
                w.WriteString("jurisdiction", b.Jurisdiction);
            });
            WriteArray(json, "validators", config.Validators, (w, v) =>
            {
                w.WriteString("bank", v.Bank);
                w.WriteString("address", v.Address.ToChecksumString());
                w.WriteString("host", v.Host);
                w.WriteNumber("grpcPort", v.GrpcPort);
                w.WriteNumber("rpcPort", v.RpcPort);
            });
            if (config.Members.Count > 0)
            {
                WriteArray(json, "members", config.Members, (w, m) =>
                {
                    w.WriteString("bank", m.Bank);
                    w.WriteString("address", m.Address.ToChecksumString());
                });
            }

            WriteArray(json, "tokens", config.Tokens, (w, t) =>
            {
                w.WriteString("address", t.Address.ToChecksumString());
                w.WriteString("symbol", t.Symbol);
                w.WriteString("name", t.Name);
                w.WriteString("currency", t.Currency);
                w.WriteNumber("decimals", t.Decimals);
                w.WriteString("issuer", t.Issuer);
            });
            json.WriteStartObject("modules");
            foreach (var (name, address) in config.Modules)
            {
                json.WriteString(name, address.ToChecksumString());
            }

            json.WriteEndObject();
            if (!config.Compliance.IsEmpty)
            {
                WriteCompliance(json, config.Compliance);
            }

            WriteArray(json, "identities", config.Identities, (w, i) =>
            {
                w.WriteString("address", i.Address.ToChecksumString());
                w.WriteString("bank", i.Bank);
                w.WriteString("jurisdiction", i.Jurisdiction);
                w.WriteNumber("kycLevel", i.KycLevel);
                w.WriteNumber("expiresAt", i.ExpiresAt);
            });
            WriteArray(json, "allocations", config.Allocations, (w, a) =>
            {
                w.WriteStartArray("accounts");
                foreach (var account in a.Accounts)
                {
                    w.WriteStringValue(account.ToChecksumString());
                }

                w.WriteEndArray();
                w.WriteStartArray("tokens");
                foreach (var symbol in a.Tokens)
                {
                    w.WriteStringValue(symbol);
                }

                w.WriteEndArray();
                w.WriteString("amount", a.Amount);
            });
            var c = config.Consensus;
            json.WriteStartObject("consensus");
            json.WriteNumber("blockIntervalMs", c.BlockIntervalMs);
            json.WriteNumber("emptyBlockIntervalSeconds", c.EmptyBlockIntervalSeconds);
            json.WriteNumber("roundTimeoutMs", c.RoundTimeoutMs);
            json.WriteNumber("maxRoundTimeoutMs", c.MaxRoundTimeoutMs);
            json.WriteNumber("blockGasLimit", c.BlockGasLimit);
            json.WriteNumber("maxTransactionsPerBlock", c.MaxTransactionsPerBlock);
            json.WriteNumber("maxTransactionBytes", c.MaxTransactionBytes);
            json.WriteNumber("maxBlockBytes", c.MaxBlockBytes);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    private static void WriteCompliance(Utf8JsonWriter json, ComplianceConfig compliance)
    {
        json.WriteStartObject("compliance");
        if (compliance.Regulator is { } regulator)
        {
            json.WriteString("regulator", regulator.ToChecksumString());
        }

        WriteArray(json, "complianceOfficers", compliance.ComplianceOfficers, (w, o) =>
        {
            w.WriteString("bank", o.Bank);
            w.WriteString("address", o.Address.ToChecksumString());
        });
        json.WriteStartArray("corridors");
        foreach (var corridor in compliance.Corridors)
        {
            json.WriteStartArray();
            json.WriteStringValue(corridor.JurisdictionA);
            json.WriteStringValue(corridor.JurisdictionB);
            json.WriteEndArray();
        }

        json.WriteEndArray();
        if (!compliance.FourEyes.IsDefault)
        {
            var fourEyes = compliance.FourEyes;
            json.WriteStartObject("fourEyes");
            json.WriteNumber("requestTtlSeconds", fourEyes.RequestTtlSeconds);
            json.WriteNumber("recoveryDelaySeconds", fourEyes.RecoveryDelaySeconds);
            json.WriteString("mintThreshold", fourEyes.MintThreshold);
            json.WriteStartObject("mintThresholds");
            foreach (var (symbol, amount) in fourEyes.MintThresholds)
            {
                json.WriteString(symbol, amount);
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        json.WriteEndObject();
    }

    private static void WriteArray<T>(Utf8JsonWriter json, string name, IReadOnlyList<T> items, Action<Utf8JsonWriter, T> writeFields)
    {
        json.WriteStartArray(name);
        foreach (var item in items)
        {
            json.WriteStartObject();
            writeFields(json, item);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }
}
