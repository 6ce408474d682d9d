import { logLevel, type logCreator } from 'kafkajs';
import type { Logger } from '../../observability/logger';

/**
 * Routes kafkajs' own logs into our structured logger. The client is created with
 * logLevel WARN, so its chatty INFO lines (group joins, connection setup) stay out.
 */
export function kafkajsLogCreator(logger: Logger): logCreator {
  return () =>
    ({ namespace, level, log }) => {
      // eslint-disable-next-line @typescript-eslint/no-unused-vars
      const { message, timestamp: _timestamp, logger: _logger, ...fields } = log;
      const entry = { kafkajs: namespace, ...fields };
      if (level === logLevel.ERROR) logger.error(`kafkajs: ${message}`, entry);
      else logger.warn(`kafkajs: ${message}`, entry);
    };
}
