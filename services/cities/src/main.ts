import 'reflect-metadata';

import { runService } from '@hrc/service-kit';

import { createCitiesApp } from './app';
import { loadCitiesConfig } from './config';

void runService('cities', async () => {
  const app = await createCitiesApp(loadCitiesConfig());
  const address = await app.listen();
  app.logger.info({ url: address.url }, 'cities subgraph ready');
  return app;
});
