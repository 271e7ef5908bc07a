import { describe, expect, it } from 'vitest';
import { minutesContentSchema, minutesFileName } from '../src/minutes';

const content = {
  meeting: {
    id: '6f1c1a52-2a5e-4a57-9a0e-0d3b1b7f4c11',
    tableId: '1b0c4a0e-7b8a-4a57-8d3e-5c3b8b7f4c22',
    tableName: 'Riverside',
    municipality: 'Riverside',
    referencePrefix: 'RIV',
    timeZone: 'America/Toronto',
    status: 'closed',
    scheduledFor: '2026-11-30T14:00:00.000Z',
    openedAt: null,
    openedBy: null,
    closedAt: null,
    closedBy: null,
  },
  attendance: [],
  items: [
    {
      position: 0,
      section: 'new',
      reference: 'RIV-2026-0001',
      stageAtOpening: 'filter2',
      stage: 'filter3',
      decisions: [],
      reportBacks: [],
      actionItems: [],
    },
  ],
  generatedAt: '2026-11-30T16:00:00.000Z',
};

describe('minutes content', () => {
  it('has no place for a summary, an identity or notes: unknown fields are dropped', () => {
    const parsed = minutesContentSchema.parse({
      ...content,
      summary: 'Young adult at 42 Larkspur Crescent',
      items: content.items.map((item) => ({
        ...item,
        summary: 'a summary',
        identity: { givenName: 'Zephyrine' },
        notes: ['a note'],
      })),
    });
    const text = JSON.stringify(parsed);
    expect(text).not.toContain('Larkspur');
    expect(text).not.toContain('Zephyrine');
    expect(text).not.toContain('a note');
    expect(text).not.toContain('summary');
    expect(parsed.items[0]?.reference).toBe('RIV-2026-0001');
  });

  it('names the PDF by table prefix and date only', () => {
    expect(minutesFileName('RIV', '2026-11-30')).toBe('minutes-RIV-2026-11-30.pdf');
    expect(minutesFileName('R"I/V', '2026-11-30')).toBe('minutes-RIV-2026-11-30.pdf');
    expect(minutesFileName('', '2026-11-30')).toBe('minutes-table-2026-11-30.pdf');
  });
});
