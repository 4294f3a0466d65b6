using Gateway.Core.Runtime;

namespace Gateway.Core.ZeroConfig
{
    /// <summary>The receive path of <see cref="Registrar"/>: enrollee elements heard while sniffing (alibaba-provisioning.md §1.1, §1.2).</summary>
    public sealed partial class Registrar
    {
        // The hot path: foreign frames cost a six-octet check; a known enrollee costs a decode into
        // pre-allocated fields and a table walk; only a new enrollee allocates (its names).
        private void OnVendorElement(ulong source, int channel, int rssi, ManagementFrameType frameType, byte[] element, int offset, int length)
        {
            if (!_sniffing || (frameType != ManagementFrameType.ProbeRequest && frameType != ManagementFrameType.Beacon))
            {
                return;
            }

            if (!AwssVendorElement.HasType(element, offset, length, AwssVendorElement.OuiTypeEnrollee))
            {
                return;
            }

            ElementsHeard++;
            try
            {
                _ie.Decode(element, offset, length);
            }
            catch (ZeroConfigFormatException e)
            {
                MalformedElements++;
                Log(LogLevel.Warning, "enrollee element from " + MacAddressText.Format(source) + " refused: " + e.Message);
                return;
            }

            // §1.2: only a station that is up works as a registrar (HAL_Sys_Net_Is_Ready).
            if (!_station.IsConnected)
            {
                return;
            }

            for (int i = 0; i < _slots.Length; i++)
            {
                RegistrarEnrollee entry = _slots[i];
                if (!entry.IsFree && _ie.IsDevice(entry.ProductKey, entry.DeviceName))
                {
                    OnHeardAgain(entry, source, rssi);
                    return;
                }
            }

            RegistrarEnrollee free = null;
            for (int i = 0; i < _slots.Length && free == null; i++)
            {
                if (_slots[i].IsFree)
                {
                    free = _slots[i];
                }
            }

            if (free == null)
            {
                // The SDK drops it too: the enrollee sends once per channel visit, so it is heard again later.
                TableFullDrops++;
                return;
            }

            Fill(free, source, rssi);
            SetState(free, EnrolleeSessionState.InQueue);
            Log(LogLevel.Information, "enrollee " + free.ToString() + " heard from " + MacAddressText.Format(source) + " at " + rssi + " dBm");
            Raise(RegistrarEventKind.Heard, free);
            ScheduleReport();
        }

        private void OnHeardAgain(RegistrarEnrollee entry, ulong source, int rssi)
        {
            // enrollee_put: a smoothed RSSI; a queued entry takes the newest element.
            entry.Rssi = ((2 * entry.Rssi) + rssi) / 3;
            if (entry.State == EnrolleeSessionState.InQueue)
            {
                Fill(entry, source, entry.Rssi);
                return;
            }

            // A new random while we wait for approval: the device restarted provisioning, so its old
            // report is stale; report the new session. Past checkin the old session is kept (a forged
            // frame must not cancel a push that the cloud authorized).
            if (entry.State == EnrolleeSessionState.Found && !_ie.HasRandom(entry.Random, 0))
            {
                Fill(entry, source, entry.Rssi);
                SetState(entry, EnrolleeSessionState.InQueue);
                ScheduleReport();
            }
        }

        private void Fill(RegistrarEnrollee entry, ulong source, int rssi)
        {
            if (entry.ProductKey == null)
            {
                entry.ProductKey = _ie.GetProductKey();
                entry.DeviceName = _ie.GetDeviceName();
            }

            _ie.CopyRandom(entry.Random, 0);
            _ie.CopySign(entry.Sign, 0);
            entry.Security = _ie.Security;
            entry.SignMethod = _ie.SignMethod;
            entry.RecordLength = _ie.WriteFoundRecord(entry.Record, 0);
            entry.Source = source;
            entry.Rssi = rssi;
        }
    }
}
