using System.Collections;
using Gateway.Core.Cloud;
using Gateway.Core.Runtime;
using Gateway.Core.ZeroConfig;

namespace Gateway.Core.Orchestration
{
    /// <summary>Requests the cloud sends down: checkin (the user's approval) and online (ours).</summary>
    public sealed partial class ZeroConfigWorkflow
    {
        // Rows 3–4: the user approved. The registrar accepts only an enrollee it reported, once;
        // its answer is replied before the key request it leads to goes out.
        private void OnCheckinRequest(AlinkRequest request)
        {
            string productKey;
            string deviceName;
            int timeout;
            try
            {
                Hashtable parameters = request.ParamsObject;
                productKey = JsonFields.GetString(parameters, "productKey");
                deviceName = JsonFields.GetString(parameters, "deviceName");
                timeout = JsonFields.GetOptionalInt32(parameters, "timeout", int.MinValue, int.MaxValue, 0);
            }
            catch (ProtocolFormatException e)
            {
                MalformedMessages++;
                Log(LogLevel.Warning, "checkin #" + request.Id + " refused: " + e.Message);
                _cloud.Reply(request, AlinkCodes.BadRequest, null);
                return;
            }

            _registrar.Checkin(productKey, deviceName, timeout, result => AnswerCheckin(request, productKey, deviceName, result));
        }

        private void AnswerCheckin(AlinkRequest request, string productKey, string deviceName, CheckinResult result)
        {
            switch (result)
            {
                case CheckinResult.Accepted:
                    _cloud.Reply(request, AlinkCodes.Success, null);
                    break;
                case CheckinResult.Repeated:
                    Log(LogLevel.Warning, "checkin #" + request.Id + " repeats the checkin of " + productKey + "/" + deviceName);
                    _cloud.Reply(request, AlinkCodes.Conflict, null);
                    break;
                default:
                    Log(LogLevel.Warning, "checkin #" + request.Id + " for an enrollee this registrar did not report");
                    _cloud.Reply(request, AlinkCodes.NotFound, null);
                    break;
            }
        }

        // (ours) thing.awss.enrollee.online: the cloud relays the enrollee's match report to its
        // registrar, so pushing stops even where the LAN notice does not reach us.
        private void OnOnlineRequest(AlinkRequest request)
        {
            string productKey;
            string deviceName;
            try
            {
                Hashtable parameters = request.ParamsObject;
                productKey = JsonFields.GetString(parameters, "productKey");
                deviceName = JsonFields.GetString(parameters, "deviceName");
            }
            catch (ProtocolFormatException e)
            {
                MalformedMessages++;
                Log(LogLevel.Warning, "online notice #" + request.Id + " refused: " + e.Message);
                _cloud.Reply(request, AlinkCodes.BadRequest, null);
                return;
            }

            _registrar.EnrolleeOnline(productKey, deviceName);
            _cloud.Reply(request, AlinkCodes.Success, null);
        }
    }
}
