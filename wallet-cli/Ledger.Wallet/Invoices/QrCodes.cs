using QRCoder;

namespace Ledger.Wallet.Invoices;

/// <summary>QR codes for payment requests: half-block text for a terminal, or a PNG file.</summary>
public static class QrCodes
{
    public static string ToTerminalText(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        using var code = new AsciiQRCode(data);
        return code.GetGraphicSmall(drawQuietZones: true, invert: false, endOfLine: Environment.NewLine);
    }

    public static byte[] ToPng(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        using var code = new PngByteQRCode(data);
        return code.GetGraphic(8);
    }
}
