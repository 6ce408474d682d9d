import type { Bus } from './bus';
import type { Config } from '../config/config';
import type { Logger } from '../observability/logger';
import type { Metrics } from '../observability/metrics';
import { EmbeddedBus } from './embedded/embedded-bus';
import { InstrumentedBus } from './instrumented-bus';
import { KafkaBus } from './kafka/kafka-bus';

/** The bus the configuration asks for (embedded by default, Kafka with FRUEHWARN_BUS=kafka), with metrics. */
export function createBus(config: Config, logger: Logger, metrics: Metrics): Bus {
  let bus: Bus;
  if (config.bus === 'kafka') {
    if (!config.kafka) throw new Error('FRUEHWARN_BUS=kafka but no Kafka settings were loaded (KAFKA_BROKERS).');
    bus = new KafkaBus({ ...config.kafka, logger: logger.child({ component: 'bus', bus: 'kafka' }) });
  } else {
    bus = new EmbeddedBus({ dataDir: config.dataDir, logger: logger.child({ component: 'bus', bus: 'embedded' }) });
  }
  return new InstrumentedBus(bus, metrics.bus);
}
