import type { ServiceDefinition } from '../core/service/service';
import { mountNotifyRoutes } from './http/routes';
import { loadNotifyConfig, NOTIFY_ENV } from './notify-config';
import { NotifyService } from './notify-service';

export const notifyService: ServiceDefinition = {
  name: 'notify',
  env: NOTIFY_ENV,
  async start(ctx) {
    const config = await loadNotifyConfig(ctx.config.env, ctx.store);
    const service = new NotifyService(ctx, config);
    mountNotifyRoutes(ctx.http, service, ctx.catalogue);
    await service.start();
    ctx.logger.info('notify started', { channels: service.channels() });
    return { stop: () => service.stop() };
  },
};
