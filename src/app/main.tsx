/**
 * The IDE's entry: mounts the app, starts the simulation worker session and project persistence.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@xyflow/react/dist/style.css';
import 'uplot/dist/uPlot.min.css';
import './theme.css';
import { App } from './App';
import { installDebugApi } from './debugApi';

installDebugApi();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
