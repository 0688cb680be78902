import 'reflect-metadata';

import { runService } from '@hrc/service-kit';

import { createEventsApp } from './app';
import { loadEventsConfig } from './config';

void runService('events', async () => {
  const app = await createEventsApp(loadEventsConfig());
  const address = await app.listen();
  app.logger.info({ url: address.url }, 'events subgraph ready');
  return app;
});
