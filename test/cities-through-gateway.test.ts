import { startHub, type RunningHub } from './support/hub';

let hub: RunningHub;
beforeAll(async () => {
  hub = await startHub();
});
afterAll(() => hub.close());

test("gwangju in korean", async () => {
  const r = await hub.query(`{ city(slug: "gwangju") { name(lang: "ko") mechanisms { kind adoptedIn } } }`);
  console.log(JSON.stringify(r));
});
