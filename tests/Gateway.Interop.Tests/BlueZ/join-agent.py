#!/usr/bin/python3
"""The application side of one unprovisioned bluetooth-meshd node, for the Gateway interop tests.

Exports on the session bus (DBUS_SESSION_BUS_ADDRESS) what meshd 5.66 calls back during Join
(doc/mesh-api.txt): org.freedesktop.DBus.ObjectManager and org.bluez.mesh.Application1 at the app
root, one org.bluez.mesh.Element1 (Generic OnOff Server 0x1000 and Client 0x1001, one vendor model)
and an org.bluez.mesh.ProvisionAgent1. Then calls org.bluez.mesh.Network1.Join(app, uuid) and stays
alive. Every callback is printed as one line on stdout for the test fixture:
  READY / JOINING / PROMPT_STATIC <type> / JOIN_COMPLETE <token hex> / JOIN_FAILED <reason> /
  ERROR <text>.
With --static HEX the agent offers static OOB and answers PromptStatic with that value.
"""
import argparse
import sys

import dbus
import dbus.mainloop.glib
import dbus.service
from gi.repository import GLib

MESH = 'org.bluez.mesh'
APP_IFACE = MESH + '.Application1'
ELEMENT_IFACE = MESH + '.Element1'
AGENT_IFACE = MESH + '.ProvisionAgent1'
PROPS_IFACE = 'org.freedesktop.DBus.Properties'
OM_IFACE = 'org.freedesktop.DBus.ObjectManager'

ROOT = '/gateway/interop'
ELEMENT_PATH = ROOT + '/ele00'
AGENT_PATH = ROOT + '/agent'


def say(line):
    sys.stdout.write(line + '\n')
    sys.stdout.flush()


class PropertiesObject(dbus.service.Object):
    """Answers org.freedesktop.DBus.Properties from properties()."""

    def properties(self):
        return {}

    @dbus.service.method(PROPS_IFACE, in_signature='s', out_signature='a{sv}')
    def GetAll(self, interface):
        return self.properties().get(interface, {})

    @dbus.service.method(PROPS_IFACE, in_signature='ss', out_signature='v')
    def Get(self, interface, name):
        return self.properties()[interface][name]


class Element(PropertiesObject):
    def __init__(self, bus):
        super().__init__(bus, ELEMENT_PATH)

    def properties(self):
        publish = {'Publish': dbus.Boolean(True), 'Subscribe': dbus.Boolean(True)}
        return {ELEMENT_IFACE: {
            'Index': dbus.Byte(0),
            'Models': dbus.Array([
                dbus.Struct((dbus.UInt16(0x1000), dbus.Dictionary(publish, signature='sv'))),
                dbus.Struct((dbus.UInt16(0x1001), dbus.Dictionary(publish, signature='sv'))),
            ], signature='(qa{sv})'),
            'VendorModels': dbus.Array([
                dbus.Struct((dbus.UInt16(0x05F1), dbus.UInt16(0x0001), dbus.Dictionary(publish, signature='sv'))),
            ], signature='(qqa{sv})'),
            'Location': dbus.UInt16(0x0000),
        }}

    @dbus.service.method(ELEMENT_IFACE, in_signature='qqvay', out_signature='')
    def MessageReceived(self, source, key_index, destination, data):
        say('MESSAGE %04x %d %s' % (source, key_index, bytes(data).hex()))

    @dbus.service.method(ELEMENT_IFACE, in_signature='qbqay', out_signature='')
    def DevKeyMessageReceived(self, source, remote, net_index, data):
        pass

    @dbus.service.method(ELEMENT_IFACE, in_signature='qa{sv}', out_signature='')
    def UpdateModelConfiguration(self, model_id, config):
        say('MODEL_CONFIG %04x' % model_id)


class Agent(PropertiesObject):
    def __init__(self, bus, static_value):
        super().__init__(bus, AGENT_PATH)
        self.static_value = static_value

    def properties(self):
        capabilities = ['static-oob'] if self.static_value is not None else []
        return {AGENT_IFACE: {
            'Capabilities': dbus.Array(capabilities, signature='s'),
            'OutOfBandInfo': dbus.Array([], signature='s'),
        }}

    @dbus.service.method(AGENT_IFACE, in_signature='s', out_signature='ay')
    def PromptStatic(self, kind):
        say('PROMPT_STATIC ' + kind)
        return dbus.Array([dbus.Byte(b) for b in self.static_value], signature='y')

    @dbus.service.method(AGENT_IFACE, in_signature='s', out_signature='u')
    def PromptNumeric(self, kind):
        say('ERROR PromptNumeric ' + kind)
        raise dbus.exceptions.DBusException(MESH + '.Error.Failed', 'no input')

    @dbus.service.method(AGENT_IFACE, in_signature='s', out_signature='')
    def DisplayString(self, value):
        say('DISPLAY_STRING')

    @dbus.service.method(AGENT_IFACE, in_signature='su', out_signature='')
    def DisplayNumeric(self, kind, number):
        say('DISPLAY_NUMERIC ' + kind)

    @dbus.service.method(AGENT_IFACE, in_signature='', out_signature='')
    def Cancel(self):
        say('AGENT_CANCEL')


class Application(PropertiesObject):
    def __init__(self, bus, element, agent, loop):
        super().__init__(bus, ROOT)
        self.element = element
        self.agent = agent
        self.loop = loop

    def properties(self):
        return {APP_IFACE: {
            'CompanyID': dbus.UInt16(0x05F1),
            'ProductID': dbus.UInt16(0x0001),
            'VersionID': dbus.UInt16(0x0001),
            'CRPL': dbus.UInt16(0x7FFF),
        }}

    @dbus.service.method(OM_IFACE, out_signature='a{oa{sa{sv}}}')
    def GetManagedObjects(self):
        objects = {}
        for obj in (self, self.element, self.agent):
            objects[dbus.ObjectPath(obj._object_path)] = obj.properties()
        return objects

    @dbus.service.method(APP_IFACE, in_signature='t', out_signature='')
    def JoinComplete(self, token):
        say('JOIN_COMPLETE %016x' % token)

    @dbus.service.method(APP_IFACE, in_signature='s', out_signature='')
    def JoinFailed(self, reason):
        say('JOIN_FAILED ' + reason)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--uuid', required=True, help='device UUID, 32 hex digits (RFC 4122 v4)')
    parser.add_argument('--static', help='static OOB value, 32 hex digits')
    args = parser.parse_args()
    uuid = bytes.fromhex(args.uuid)
    static_value = bytes.fromhex(args.static) if args.static else None

    dbus.mainloop.glib.DBusGMainLoop(set_as_default=True)
    bus = dbus.SessionBus()
    loop = GLib.MainLoop()
    element = Element(bus)
    agent = Agent(bus, static_value)
    Application(bus, element, agent, loop)

    def joined(*_):
        say('JOINING')

    def join_error(error):
        say('ERROR Join ' + str(error).replace('\n', ' '))

    def join(attempts_left):
        try:
            network = dbus.Interface(bus.get_object(MESH, '/org/bluez/mesh'), MESH + '.Network1')
        except dbus.exceptions.DBusException as error:
            # meshd registers /org/bluez/mesh a moment after it reaches the bus.
            if attempts_left > 0:
                GLib.timeout_add(100, join, attempts_left - 1)
            else:
                say('ERROR meshd is not on the bus: ' + str(error).replace('\n', ' '))
            return False
        network.Join(ROOT, dbus.Array([dbus.Byte(b) for b in uuid], signature='y'),
                     reply_handler=joined, error_handler=join_error)
        return False

    say('READY')
    GLib.idle_add(join, 100)
    loop.run()


if __name__ == '__main__':
    main()
