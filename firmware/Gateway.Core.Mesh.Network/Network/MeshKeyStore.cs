using System;
using System.Collections;

namespace Gateway.Core.Mesh.Network
{
    /// <summary>
    /// A small in-memory <see cref="IMeshKeyStore"/>: lists searched linearly, which is what a
    /// gateway with a handful of NetKeys and AppKeys needs (no boxing, no allocation on lookups).
    /// Device keys cover a node's element range (primary address … + element count − 1).
    /// </summary>
    public sealed class MeshKeyStore : IMeshKeyStore
    {
        private readonly ArrayList _networkKeys = new ArrayList();
        private readonly ArrayList _applicationKeys = new ArrayList();
        private readonly ArrayList _deviceKeys = new ArrayList();
        private readonly ArrayList _deviceKeyElements = new ArrayList();

        public int NetworkKeyCount
        {
            get { return _networkKeys.Count; }
        }

        public int ApplicationKeyCount
        {
            get { return _applicationKeys.Count; }
        }

        public int DeviceKeyCount
        {
            get { return _deviceKeys.Count; }
        }

        /// <summary>Adds or replaces the NetKey with the same index.</summary>
        public void AddNetworkKey(NetworkKeyMaterial key)
        {
            if (key == null)
            {
                throw new ArgumentNullException("key");
            }

            RemoveNetworkKey(key.Index);
            _networkKeys.Add(key);
        }

        public bool RemoveNetworkKey(int netKeyIndex)
        {
            for (int i = 0; i < _networkKeys.Count; i++)
            {
                if (((NetworkKeyMaterial)_networkKeys[i]).Index == netKeyIndex)
                {
                    _networkKeys.RemoveAt(i);
                    return true;
                }
            }

            return false;
        }

        /// <summary>Adds or replaces the AppKey with the same index.</summary>
        public void AddApplicationKey(ApplicationKeyMaterial key)
        {
            if (key == null)
            {
                throw new ArgumentNullException("key");
            }

            RemoveApplicationKey(key.Index);
            _applicationKeys.Add(key);
        }

        public bool RemoveApplicationKey(int appKeyIndex)
        {
            for (int i = 0; i < _applicationKeys.Count; i++)
            {
                if (((ApplicationKeyMaterial)_applicationKeys[i]).Index == appKeyIndex)
                {
                    _applicationKeys.RemoveAt(i);
                    return true;
                }
            }

            return false;
        }

        /// <summary>Adds or replaces the device key of the node at <see cref="DeviceKeyMaterial.Address"/> with <paramref name="elementCount"/> elements.</summary>
        public void AddDeviceKey(DeviceKeyMaterial key, int elementCount)
        {
            if (key == null)
            {
                throw new ArgumentNullException("key");
            }

            if (elementCount < 1 || key.Address + elementCount - 1 > MeshAddress.MaxUnicast)
            {
                throw new ArgumentOutOfRangeException("elementCount");
            }

            RemoveDeviceKey(key.Address);
            _deviceKeys.Add(key);
            _deviceKeyElements.Add(elementCount);
        }

        public bool RemoveDeviceKey(int primaryAddress)
        {
            for (int i = 0; i < _deviceKeys.Count; i++)
            {
                if (((DeviceKeyMaterial)_deviceKeys[i]).Address == primaryAddress)
                {
                    _deviceKeys.RemoveAt(i);
                    _deviceKeyElements.RemoveAt(i);
                    return true;
                }
            }

            return false;
        }

        public NetworkKeyMaterial GetNetworkKeyAt(int position)
        {
            return (NetworkKeyMaterial)_networkKeys[position];
        }

        public NetworkKeyMaterial FindNetworkKey(int netKeyIndex)
        {
            for (int i = 0; i < _networkKeys.Count; i++)
            {
                NetworkKeyMaterial key = (NetworkKeyMaterial)_networkKeys[i];
                if (key.Index == netKeyIndex)
                {
                    return key;
                }
            }

            return null;
        }

        public ApplicationKeyMaterial GetApplicationKeyAt(int position)
        {
            return (ApplicationKeyMaterial)_applicationKeys[position];
        }

        public ApplicationKeyMaterial FindApplicationKey(int appKeyIndex)
        {
            for (int i = 0; i < _applicationKeys.Count; i++)
            {
                ApplicationKeyMaterial key = (ApplicationKeyMaterial)_applicationKeys[i];
                if (key.Index == appKeyIndex)
                {
                    return key;
                }
            }

            return null;
        }

        public DeviceKeyMaterial FindDeviceKey(int address)
        {
            for (int i = 0; i < _deviceKeys.Count; i++)
            {
                DeviceKeyMaterial key = (DeviceKeyMaterial)_deviceKeys[i];
                int elements = (int)_deviceKeyElements[i];
                if (address >= key.Address && address < key.Address + elements)
                {
                    return key;
                }
            }

            return null;
        }
    }
}
