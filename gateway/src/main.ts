import { runService } from '@hrc/service-kit';

import { createGatewayApp } from './app';
import { loadGatewayConfig } from './config';

void runService('gateway', async () => {
  const app = await createGatewayApp(loadGatewayConfig());
  const address = await app.listen();
  app.logger.info({ url: address.url }, 'gateway ready');
  return app;
});
