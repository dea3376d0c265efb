/**
 * MQTT for pipelines, on Eclipse Paho: {@link dev.sluice.mqtt.MqttConf} makes subscribing source
 * generators (messages acknowledged once processed) and publishing sink nodes. Implementations
 * are package-private.
 */
package dev.sluice.mqtt;
