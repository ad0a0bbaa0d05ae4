import { useMemo } from 'react';
import type { AppSnapshot } from '../../../shared/contract/schemas.js';
import { isSameLocalDay } from '../common/format.js';
import { AgentStatusPanel } from './AgentStatusPanel.js';
import { DialForm } from './DialForm.js';
import { LinkHealth } from './LinkHealth.js';
import { TodayCalls } from './TodayCalls.js';

export function MainWindow({ snapshot }: { snapshot: AppSnapshot }) {
  const today = useMemo(() => {
    const now = Date.now();
    return snapshot.recentCalls.filter((c) => isSameLocalDay(c.ringingAt, now));
  }, [snapshot.recentCalls]);

  return (
    <main className="main-layout" data-testid="main-root">
      <div className="main-layout__side">
        <AgentStatusPanel agent={snapshot.agent} />
        <DialForm />
        <LinkHealth snapshot={snapshot} />
      </div>
      <TodayCalls calls={today} />
    </main>
  );
}
