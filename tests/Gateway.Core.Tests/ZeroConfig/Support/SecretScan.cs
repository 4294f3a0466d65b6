using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Gateway.Core.Runtime;

namespace Gateway.Core.Tests.ZeroConfig.Support
{
    /// <summary>
    /// Looks for a secret in everything a scenario captured: binary blobs (air elements, storage)
    /// for its raw octets, and text (MQTT payloads, LAN datagrams, log lines, emulator events,
    /// storage as text) for the secret as text, lower- and upper-case hex, and Base64 with and
    /// without padding.
    /// </summary>
    public sealed class SecretScan
    {
        private readonly List<(string Where, byte[] Octets)> _binary = new List<(string, byte[])>();
        private readonly List<(string Where, string Text)> _text = new List<(string, string)>();

        public int Items => _binary.Count + _text.Count;

        public void AddBinary(string where, byte[] octets) => _binary.Add((where, octets));

        public void AddText(string where, string text) => _text.Add((where, text));

        /// <summary>Every place where <paramref name="secret"/> appears in any form (empty: nowhere).</summary>
        public List<string> Find(byte[] secret)
        {
            string hex = Hex.Encode(secret);
            string base64 = Convert.ToBase64String(secret);
            string[] forms = { Encoding.UTF8.GetString(secret), hex, hex.ToUpperInvariant(), base64, base64.TrimEnd('=') };
            var hits = new List<string>();
            foreach ((string where, byte[] octets) in _binary)
            {
                if (octets.AsSpan().IndexOf(secret) >= 0)
                {
                    hits.Add(where + " (raw octets)");
                }
            }

            foreach ((string where, string text) in _text)
            {
                foreach (string form in forms.Where(f => f.Length >= 4))
                {
                    if (text.Contains(form, StringComparison.Ordinal))
                    {
                        hits.Add(where + " (as '" + (form == forms[0] ? "text" : form == base64 || form == forms[4] ? "base64" : "hex") + "')");
                        break; // one hit per place
                    }
                }
            }

            return hits;
        }

        /// <summary>Everything the rig captured.</summary>
        public static SecretScan Of(ZeroConfigRig rig)
        {
            var scan = new SecretScan();
            foreach (var sent in rig.AirSent)
            {
                scan.AddBinary("air " + sent.From + " @" + sent.TimeMs, sent.Element);
            }

            foreach (var message in rig.Broker.MessageLog)
            {
                scan.AddText("mqtt " + message.Topic, message.Payload);
            }

            foreach (var datagram in rig.Lan.Trace)
            {
                scan.AddBinary("lan " + datagram.From, datagram.Payload);
                scan.AddText("lan " + datagram.From, Encoding.UTF8.GetString(datagram.Payload));
            }

            scan.AddText("log", rig.Log.AllText());
            scan.AddText("emulator events", string.Join("\n", rig.Emulator.Events));
            foreach (string name in rig.GatewayStorage.List())
            {
                rig.GatewayStorage.TryRead(name, out byte[] content);
                scan.AddBinary("storage " + name, content);
                scan.AddText("storage " + name, Encoding.UTF8.GetString(content));
            }

            return scan;
        }
    }
}
