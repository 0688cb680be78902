import type { EventsContext } from '../context';
import type { Event } from './event.entity';

/** Resolves `Event` representations through the loader, which drops events the caller may not read. */
export const eventReferenceResolvers = {
  Event: {
    __resolveReference(reference: { id: string }, ctx: EventsContext): Promise<Event | null> {
      return ctx.loaders.events.byId.load(reference.id);
    },
  },
};
