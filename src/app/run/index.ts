/** The app's one run session, created on first use (so tests of other modules never start a worker). */
import { catalogStore, projectStore, runStore } from '../store';
import { RunSession } from './session';

let session: RunSession | null = null;

export function getSession(): RunSession {
  session ??= new RunSession({ project: projectStore, catalog: catalogStore, run: runStore });
  return session;
}
