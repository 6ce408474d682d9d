import type { TopicSpec } from './bus';

/** Topic names carry a version suffix; a breaking schema change means a new topic. */
export const Topics = {
  readings: 'readings.v1',
  deadReadings: 'readings.dead.v1',
  assessments: 'assessments.v1',
  alertEvents: 'alert-events.v1',
  alerts: 'alerts.v1',
  commands: 'commands.v1',
  deliveries: 'deliveries.v1',
  audit: 'audit.v1',
} as const;

export type TopicName = (typeof Topics)[keyof typeof Topics];

/** Avro record name (schemas/<name>.avsc) carried by each topic. */
export const TOPIC_SCHEMAS: Record<TopicName, string> = {
  'readings.v1': 'SensorReading',
  'readings.dead.v1': 'RejectedInput',
  'assessments.v1': 'RiskAssessment',
  'alert-events.v1': 'AlertEvent',
  'alerts.v1': 'Alert',
  'commands.v1': 'OfficerCommand',
  'deliveries.v1': 'Delivery',
  'audit.v1': 'AuditEntry',
};

/**
 * Partition counts bound how far each consumer group scales out: readings are the
 * high-volume stream (keyed by station), the rest are low-volume and ordered per key.
 */
export function defaultTopicSpecs(partitions = { readings: 6, other: 3 }): TopicSpec[] {
  return [
    { name: Topics.readings, partitions: partitions.readings },
    { name: Topics.deadReadings, partitions: partitions.other },
    { name: Topics.assessments, partitions: partitions.other },
    { name: Topics.alertEvents, partitions: partitions.other },
    { name: Topics.alerts, partitions: partitions.other },
    { name: Topics.commands, partitions: partitions.other },
    { name: Topics.deliveries, partitions: partitions.other },
    { name: Topics.audit, partitions: 1 },
  ];
}
