/**
 * The channels inserted into a cell (Jaxley's `insert`): each with its parameters, a remove button,
 * and a select to insert another channel the cell can take.
 */
import type { ModelInfo } from '../../library/catalog';
import { projectStore, useCatalog } from '../store';
import type { PopulationDoc } from '../store/document';
import type { ValueOwner } from './inspectorEdits';
import { ParamList } from './ParamList';
import { insertableChannels } from './populationFields';
import './ChannelList.css';

export interface ChannelListProps {
  readonly pop: PopulationDoc;
  readonly cell: ModelInfo | undefined;
}

export function ChannelList({ pop, cell }: ChannelListProps) {
  const models = useCatalog((s) => s.models);
  const byName = useCatalog((s) => s.byName);
  const dispatch = projectStore.getState().dispatch;
  const channels = pop.channels ?? [];
  const insertable = insertableChannels(cell, pop, models);
  return (
    <div className="insp-channels" data-testid="channels">
      {channels.length === 0 && <p className="muted insp-params-empty">No channels inserted.</p>}
      {channels.map((ch, k) => {
        const info = byName.get(ch.model);
        const owner: ValueOwner = { kind: 'channel', population: pop.id, channel: k, channelModel: ch.model };
        return (
          <div key={`${k}:${ch.model}`} className="insp-channel" data-testid={`channel-${ch.model}`}>
            <div className="insp-channel-head">
              <span className="insp-channel-name">{ch.model}</span>
              {info?.summary && <span className="insp-channel-summary muted" title={info.summary}>{info.summary}</span>}
              <button
                type="button"
                className="insp-channel-remove"
                aria-label={`remove channel ${ch.model}`}
                data-testid={`channel-${ch.model}-remove`}
                onClick={() => dispatch({ type: 'removeChannel', population: pop.id, index: k })}
              >
                Remove
              </button>
            </div>
            {info ? (
              info.kind === 'channel' ? (
                <ParamList owner={owner} target={pop} model={info} count={pop.size} per="neuron" />
              ) : (
                <p className="insp-error">{ch.model} is a {info.kind} model, not a channel</p>
              )
            ) : (
              <p className="insp-error">unknown channel model '{ch.model}'</p>
            )}
          </div>
        );
      })}
      <label className="insp-channel-insert">
        <span>Insert channel</span>
        <select
          value=""
          aria-label="insert channel"
          data-testid="channel-insert"
          disabled={insertable.length === 0}
          onChange={(e) => {
            if (e.target.value) dispatch({ type: 'addChannel', population: pop.id, model: e.target.value });
          }}
        >
          <option value="">{insertable.length === 0 ? 'no channel fits this cell' : 'choose…'}</option>
          {insertable.map((m) => (
            <option key={m.name} value={m.name} title={m.summary}>
              {m.name}
              {m.summary ? ` — ${m.summary}` : ''}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
