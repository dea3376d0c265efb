/** MQTT sources and sinks on Eclipse Paho, and the mqtt.* node types. */
module dev.sluice.mqtt {
    requires transitive dev.sluice.core;
    requires org.eclipse.paho.client.mqttv3;

    exports dev.sluice.mqtt;

    provides dev.sluice.nodetype.NodeType with
            dev.sluice.mqtt.nodes.MqttTypes.Subscribe,
            dev.sluice.mqtt.nodes.MqttTypes.Publish;
}
