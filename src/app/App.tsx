/**
 * The IDE's frame: toolbar on top, then palette | graph | inspector over the plots (with the code
 * panel, when open, in a column at the right), and a status bar. Panels resize by dragging the
 * separators; sizes are remembered in localStorage.
 */
import { useEffect } from 'react';
import { Group, Panel, Separator, useDefaultLayout } from 'react-resizable-panels';
import { CodeDock } from './code/CodeDock';
import { CodeToggle } from './code/CodeToggle';
import { GraphEditor } from './graph/GraphEditor';
import { Inspector } from './inspector/Inspector';
import { LessonsDock } from './lessons/LessonsDock';
import { BottomPanel } from './analysis/BottomPanel';
import { ProjectDropZone } from './projects/ProjectDropZone';
import { startPersistence } from './projects/persistence';
import { getSession } from './run';
import { usePrefs } from './store';
import { Toolbar } from './toolbar/Toolbar';
import { StatusBar } from './toolbar/StatusBar';
import { ErrorBanner } from './toolbar/ErrorBanner';
import { useShortcuts } from './toolbar/shortcuts';
import './App.css';

export function App() {
  const theme = usePrefs((s) => s.theme);
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
  useEffect(() => {
    getSession();
    return startPersistence();
  }, []);
  useShortcuts();
  const rows = useDefaultLayout({ id: 'spikeflow.layout.rows', storage: localStorage });
  const columns = useDefaultLayout({ id: 'spikeflow.layout.columns', storage: localStorage });
  return (
    <div className="app">
      <div className="code-toolbar-row">
        <Toolbar />
        <CodeToggle />
      </div>
      <ErrorBanner />
      <LessonsDock>
        <CodeDock className="app-main">
          <Group orientation="vertical" id="spikeflow.layout.rows" defaultLayout={rows.defaultLayout} onLayoutChanged={rows.onLayoutChanged}>
            <Panel id="layout-editor" defaultSize="57" minSize="20">
              <Group orientation="horizontal" id="spikeflow.layout.columns" defaultLayout={columns.defaultLayout} onLayoutChanged={columns.onLayoutChanged}>
                <Panel id="layout-graph" defaultSize="72" minSize="30">
                  <GraphEditor />
                </Panel>
                <Separator className="resize-handle vertical" />
                <Panel id="layout-inspector" defaultSize="28" minSize="15">
                  <Inspector />
                </Panel>
              </Group>
            </Panel>
            <Separator className="resize-handle horizontal" />
            <Panel id="layout-plots" defaultSize="43" minSize="15">
              <BottomPanel />
            </Panel>
          </Group>
        </CodeDock>
      </LessonsDock>
      <StatusBar />
      <ProjectDropZone />
    </div>
  );
}
