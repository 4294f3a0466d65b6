using System;
using System.CommandLine;
using System.IO;
using System.Security.Cryptography;
using Gateway.Core.Camera;
using Gateway.Core.Runtime;
using QRCoder;
using Spectre.Console;

namespace Gateway.Cli;

/// <summary>
/// `gw qr`: the webcam-config QR code (alibaba-provisioning.md §5) in the terminal and as a PNG,
/// with the bind token the camera will report, so a tester can show it to a real camera.
/// </summary>
internal static class QrCommand
{
    public static Command Create()
    {
        var ssid = new Option<string>("--ssid") { Description = "Wi-Fi SSID the camera should join", Required = true };
        var passwordEnv = new Option<string>("--password-env") { Description = "name of the environment variable holding the Wi-Fi password (keeps it out of shell history)" };
        var password = new Option<string>("--password") { Description = "Wi-Fi password (prefer --password-env)" };
        var bssid = new Option<string>("--bssid") { Description = "BSSID of the access point, AA:BB:CC:DD:EE:FF", Required = true };
        var random = new Option<string>("--random") { Description = "3-octet random as 6 hex digits (default: fresh random)" };
        var png = new Option<FileInfo>("--png") { Description = "also write the QR code as a PNG file" };
        var command = new Command("qr", "Show the webcam-config QR code (SSID, password, BSSID, random) for a camera to scan.")
        {
            ssid, password, passwordEnv, bssid, random, png,
        };
        command.SetAction(parse =>
        {
            string secret = parse.GetValue(password);
            string envName = parse.GetValue(passwordEnv);
            if (envName != null)
            {
                secret = Environment.GetEnvironmentVariable(envName) ?? throw new CliException("environment variable " + envName + " is not set");
            }

            if (secret == null)
            {
                throw new CliException("give the Wi-Fi password with --password-env NAME or --password");
            }

            byte[] bssidBytes = ParseMac(parse.GetValue(bssid));
            byte[] randomBytes = parse.GetValue(random) is string r ? ParseHex(r, 3, "--random") : RandomNumberGenerator.GetBytes(3);
            WebcamConfigCode code;
            try
            {
                code = new WebcamConfigCode(parse.GetValue(ssid), secret, bssidBytes, randomBytes);
            }
            catch (ArgumentException e)
            {
                throw new CliException(e.Message);
            }

            using var generator = new QRCodeGenerator();
            using QRCodeData data = generator.CreateQrCode(code.ToPayload(), QRCodeGenerator.ECCLevel.M);
            var ascii = new AsciiQRCode(data);
            Console.WriteLine(ascii.GetGraphicSmall());
            AnsiConsole.MarkupLine($"SSID [bold]{Markup.Escape(code.Ssid)}[/], BSSID {Hex.Encode(bssidBytes)}, random {Hex.Encode(randomBytes)}");
            AnsiConsole.MarkupLine($"The camera will report bind token [bold]{Hex.Encode(code.ExpandedToken())}[/] on thing.awss.enrollee.match.");
            if (parse.GetValue(png) is FileInfo file)
            {
                var pngCode = new PngByteQRCode(data);
                File.WriteAllBytes(file.FullName, pngCode.GetGraphic(10));
                AnsiConsole.MarkupLine($"PNG written to {Markup.Escape(file.FullName)}");
            }

            return 0;
        });
        return command;
    }

    internal static byte[] ParseMac(string text)
    {
        string hex = (text ?? string.Empty).Replace(":", string.Empty).Replace("-", string.Empty);
        return ParseHex(hex, 6, "--bssid");
    }

    private static byte[] ParseHex(string text, int length, string option)
    {
        if (!Hex.TryDecode(text, out byte[] bytes) || bytes.Length != length)
        {
            throw new CliException(option + " must be " + length + " octets of hex");
        }

        return bytes;
    }
}
