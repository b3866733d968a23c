/**
 * The code panel's place in the frame: a resizable column at the right of the whole workbench
 * (graph, inspector and plots keep working beside it), present only while the panel is open.
 * Sizes are remembered per arrangement (open/closed) like the frame's other panels.
 */
import type { ReactNode } from 'react';
import { Group, Panel, Separator, useDefaultLayout } from 'react-resizable-panels';
import { useCodePanelUi } from './codePanelUi';
import { LazyCodePanel } from './LazyCodePanel';

const WITH_CODE = ['layout-workbench', 'layout-code'];
const WITHOUT_CODE = ['layout-workbench'];

export function CodeDock({ className, children }: { readonly className?: string; readonly children: ReactNode }) {
  const open = useCodePanelUi((s) => s.open);
  const layout = useDefaultLayout({ id: 'spikeflow.layout.code', storage: localStorage, panelIds: open ? WITH_CODE : WITHOUT_CODE });
  return (
    <Group orientation="horizontal" className={className} id="spikeflow.layout.code" defaultLayout={layout.defaultLayout} onLayoutChanged={layout.onLayoutChanged}>
      <Panel id="layout-workbench" minSize="30">
        {children}
      </Panel>
      {open && (
        <>
          <Separator className="resize-handle vertical" />
          <Panel id="layout-code" defaultSize="40" minSize="20">
            <LazyCodePanel />
          </Panel>
        </>
      )}
    </Group>
  );
}
