/** Uplink messages in the shapes ChirpStack v4 and The Things Stack v3 publish (tests, fuzz, bench). */
export function chirpstackTopic(devEui: string, app = 'a1b2c3d4-0000-4000-8000-000000000001'): string {
  return `application/${app}/device/${devEui}/event/up`;
}

export function chirpstackUplink(devEui: string, object: unknown, time?: string): Record<string, unknown> {
  return {
    deduplicationId: '3e9a1c52-7d0f-4f4b-9d8e-0c2f5b6a7e11',
    ...(time ? { time } : {}),
    deviceInfo: { tenantName: 'Stadt Hagen', applicationName: 'waldwetter', deviceProfileName: 'weather-v1', deviceName: `dev-${devEui.slice(-4)}`, devEui },
    devAddr: '01ab23cd',
    adr: true,
    dr: 5,
    fCnt: 42,
    fPort: 2,
    confirmed: false,
    data: 'AQIDBA==',
    object,
    rxInfo: [{ gatewayId: '0016c001ff10a235', rssi: -97, snr: 7.5 }],
  };
}

export function ttsTopic(deviceId: string, app = 'fruehwarn@hagen'): string {
  return `v3/${app}/devices/${deviceId}/up`;
}

export function ttsUplink(devEui: string, decoded: unknown, receivedAt?: string): Record<string, unknown> {
  return {
    end_device_ids: { device_id: `dev-${devEui.slice(-4)}`, application_ids: { application_id: 'fruehwarn' }, dev_eui: devEui.toUpperCase(), join_eui: '0000000000000000', dev_addr: '260B1234' },
    correlation_ids: ['as:up:01HZX'],
    ...(receivedAt ? { received_at: receivedAt } : {}),
    uplink_message: {
      f_port: 2,
      f_cnt: 7,
      frm_payload: 'AQID',
      decoded_payload: decoded,
      rx_metadata: [{ gateway_ids: { gateway_id: 'gw-hohenlimburg' }, rssi: -101, snr: 6.25 }],
      settings: { data_rate: { lora: { bandwidth: 125000, spreading_factor: 7 } }, frequency: '868100000' },
      ...(receivedAt ? { received_at: receivedAt } : {}),
    },
  };
}
