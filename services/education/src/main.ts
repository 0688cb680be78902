import 'reflect-metadata';

import { runService } from '@hrc/service-kit';

import { createEducationApp } from './app';
import { loadEducationConfig } from './config';

void runService('education', async () => {
  const app = await createEducationApp(loadEducationConfig());
  const address = await app.listen();
  app.logger.info({ url: address.url }, 'education subgraph ready');
  return app;
});
