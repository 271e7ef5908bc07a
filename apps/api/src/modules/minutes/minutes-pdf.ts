/**
 * The minutes as a PDF, drawn on the server with pdfkit (no browser at run time). It renders the
 * same de-identified content the JSON answer carries — nothing else reaches this file — with code
 * values shown by their code-list labels in the language asked for. The standard Helvetica font
 * covers WinAnsi, which holds every French letter and the typographic marks (’ « » œ).
 */
import PDFDocument from 'pdfkit';
import type { AttendanceStatus, AgendaSection } from '@fourfold/shared/meetings';
import type { ActionItemStatus } from '@fourfold/shared/action-items';
import type { MeetingMinutes, MinutesDecision, MinutesItem } from '@fourfold/shared/minutes';
import type { Stage } from '@fourfold/shared/situation-workflow';
import { labelOf, type CodeListName, type Taxonomy } from '@fourfold/shared/taxonomy';

export type PdfLanguage = 'en' | 'fr';

type Words = {
  /** ": " in English, " : " in French typography. */
  colon: string;
  title: string;
  draftBanner: string;
  table: string;
  municipality: string;
  scheduled: string;
  opened: string;
  closed: string;
  by: string;
  attendance: string;
  noAttendance: string;
  agency: string;
  sector: string;
  status: string;
  representative: string;
  agenda: string;
  noItems: string;
  stageAtOpening: string;
  stageNow: string;
  decisions: string;
  noDecisions: string;
  reportBacks: string;
  actionItems: string;
  due: string;
  overdue: string;
  agreedHere: string;
  destroyed: string;
  approvedLine: (when: string, who: string, sha: string) => string;
  page: (n: number, of: number) => string;
  generated: (when: string) => string;
  sections: Record<AgendaSection, string>;
  stages: Record<Stage, string>;
  attendanceStatuses: Record<AttendanceStatus, string>;
  actionStatuses: Record<ActionItemStatus, string>;
  actionKinds: Record<'first_contact' | 'task', string>;
  decision: (d: MinutesDecision, code: (list: CodeListName, code: string) => string) => string;
};

const agencies = (list: ReadonlyArray<{ name: string }>) => list.map((a) => a.name).join(', ');

const english: Words = {
  colon: ': ',
  title: 'Minutes of the situation table meeting',
  draftBanner: 'DRAFT — not approved',
  table: 'Table',
  municipality: 'Municipality',
  scheduled: 'Scheduled',
  opened: 'Opened',
  closed: 'Closed',
  by: 'by',
  attendance: 'Attendance',
  noAttendance: 'No attendance was recorded.',
  agency: 'Agency',
  sector: 'Sector',
  status: 'Status',
  representative: 'Representative',
  agenda: 'Situations discussed',
  noItems: 'The agenda was empty.',
  stageAtOpening: 'Stage at opening',
  stageNow: 'Stage now',
  decisions: 'Decisions',
  noDecisions: 'No decision was recorded.',
  reportBacks: 'Report-backs',
  actionItems: 'Action items',
  due: 'due',
  overdue: 'OVERDUE',
  agreedHere: 'agreed in this meeting',
  destroyed: '(text destroyed with the situation’s other free text)',
  approvedLine: (when, who, sha) => `Approved ${when} by ${who}.\nSHA-256: ${sha}`,
  page: (n, of) => `Page ${n} of ${of}`,
  generated: (when) => `Generated ${when}`,
  sections: {
    report_back: 'Report-back',
    new: 'New situation',
    ready_to_close: 'Ready to close',
  },
  stages: {
    draft: 'Filter 1 – draft',
    filter2: 'Filter 2 – de-identified discussion',
    filter3: 'Filter 3 – limited identification',
    filter4: 'Filter 4 – intervention',
    closed: 'Concluded',
    rejected: 'Rejected',
  },
  attendanceStatuses: { present: 'Present', apologies: 'Apologies', absent: 'Absent' },
  actionStatuses: { open: 'Open', done: 'Done', cancelled: 'Cancelled' },
  actionKinds: { first_contact: 'First contact', task: 'Task' },
  decision: (d, code) => {
    switch (d.kind) {
      case 'accepted':
        return 'Accepted as acutely elevated risk';
      case 'rejected':
        return `Rejected: ${d.rejectionReason ? code('rejection_reason', d.rejectionReason) : '—'}`;
      case 'involvement':
        return `${d.agency?.name ?? '—'}: ${d.involved ? 'already involved' : 'not involved'}`;
      case 'assigned':
        return `Lead agency: ${d.leadAgency?.name ?? '—'}; assisting: ${agencies(d.assistingAgencies) || '—'}`;
      case 'concluded': {
        const reason = d.conclusion ? code('conclusion_reason', d.conclusion) : '—';
        const noContact = d.noContactReason
          ? `; no first contact: ${code('no_contact_reason', d.noContactReason)}`
          : '';
        return `Concluded: ${reason}${noContact}`;
      }
      case 'report_back':
        return `Report-back by ${d.agency?.name ?? '—'}`;
    }
  },
};

const french: Words = {
  colon: ' : ',
  title: 'Procès-verbal de la réunion de la table de concertation',
  draftBanner: 'ÉBAUCHE — non approuvé',
  table: 'Table',
  municipality: 'Municipalité',
  scheduled: 'Prévue',
  opened: 'Ouverte',
  closed: 'Close',
  by: 'par',
  attendance: 'Présences',
  noAttendance: 'Aucune présence n’a été consignée.',
  agency: 'Organisme',
  sector: 'Secteur',
  status: 'Statut',
  representative: 'Représentant·e',
  agenda: 'Situations discutées',
  noItems: 'L’ordre du jour était vide.',
  stageAtOpening: 'Étape à l’ouverture',
  stageNow: 'Étape actuelle',
  decisions: 'Décisions',
  noDecisions: 'Aucune décision n’a été consignée.',
  reportBacks: 'Comptes rendus',
  actionItems: 'Mesures à prendre',
  due: 'échéance',
  overdue: 'EN RETARD',
  agreedHere: 'convenue à cette réunion',
  destroyed: '(texte détruit avec les autres textes libres de la situation)',
  approvedLine: (when, who, sha) => `Approuvé le ${when} par ${who}.\nSHA-256 : ${sha}`,
  page: (n, of) => `Page ${n} de ${of}`,
  generated: (when) => `Généré le ${when}`,
  sections: {
    report_back: 'Compte rendu',
    new: 'Nouvelle situation',
    ready_to_close: 'Prête à conclure',
  },
  stages: {
    draft: 'Filtre 1 – ébauche',
    filter2: 'Filtre 2 – discussion dépersonnalisée',
    filter3: 'Filtre 3 – identification limitée',
    filter4: 'Filtre 4 – intervention',
    closed: 'Conclue',
    rejected: 'Rejetée',
  },
  attendanceStatuses: { present: 'Présent', apologies: 'Excusé', absent: 'Absent' },
  actionStatuses: { open: 'Ouverte', done: 'Faite', cancelled: 'Annulée' },
  actionKinds: { first_contact: 'Premier contact', task: 'Tâche' },
  decision: (d, code) => {
    switch (d.kind) {
      case 'accepted':
        return 'Acceptée comme risque aigu élevé';
      case 'rejected':
        return `Rejetée : ${d.rejectionReason ? code('rejection_reason', d.rejectionReason) : '—'}`;
      case 'involvement':
        return `${d.agency?.name ?? '—'} : ${d.involved ? 'déjà engagé' : 'pas engagé'}`;
      case 'assigned':
        return `Organisme responsable : ${d.leadAgency?.name ?? '—'}; organismes d’appui : ${agencies(d.assistingAgencies) || '—'}`;
      case 'concluded': {
        const reason = d.conclusion ? code('conclusion_reason', d.conclusion) : '—';
        const noContact = d.noContactReason
          ? `; sans premier contact : ${code('no_contact_reason', d.noContactReason)}`
          : '';
        return `Conclue : ${reason}${noContact}`;
      }
      case 'report_back':
        return `Compte rendu de ${d.agency?.name ?? '—'}`;
    }
  },
};

export const pdfWords: Record<PdfLanguage, Words> = { en: english, fr: french };

const MARGIN = 54;

/** Renders the minutes; resolves with the whole document (minutes are a few pages at most). */
export function renderMinutesPdf(
  minutes: MeetingMinutes,
  taxonomy: Taxonomy,
  language: PdfLanguage,
): Promise<Buffer> {
  const words = pdfWords[language];
  const { meeting, attendance, items } = minutes.content;
  const code = (list: CodeListName, value: string) =>
    labelOf(taxonomy, list, value, language) ?? value;
  const locale = language === 'fr' ? 'fr-CA' : 'en-CA';
  const formatter = (() => {
    try {
      return new Intl.DateTimeFormat(locale, {
        dateStyle: 'long',
        timeStyle: 'short',
        timeZone: meeting.timeZone,
      });
    } catch {
      return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short' });
    }
  })();
  const when = (value: string) => formatter.format(new Date(value));

  const doc = new PDFDocument({
    size: 'LETTER',
    margin: MARGIN,
    bufferPages: true,
    lang: language === 'fr' ? 'fr-CA' : 'en-CA',
    displayTitle: true,
    info: { Title: `${words.title} — ${meeting.tableName}`, Producer: 'Fourfold' },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const heading = (value: string, size = 14) => {
    doc.moveDown(0.8).font('Helvetica-Bold').fontSize(size).fillColor('black').text(value);
    doc.moveDown(0.3).font('Helvetica').fontSize(10);
  };
  const line = (value: string, options: PDFKit.Mixins.TextOptions = {}) =>
    doc.font('Helvetica').fontSize(10).text(value, options);

  // Title and status
  doc.font('Helvetica-Bold').fontSize(18).text(words.title);
  if (minutes.status === 'draft') {
    doc.moveDown(0.4).font('Helvetica-Bold').fontSize(16).fillColor('#b00020');
    doc.text(words.draftBanner).fillColor('black');
  }
  doc.moveDown(0.5);
  line(`${words.table}${words.colon}${meeting.tableName}`);
  line(`${words.municipality}${words.colon}${meeting.municipality}`);
  line(`${words.scheduled}${words.colon}${when(meeting.scheduledFor)}`);
  if (meeting.openedAt) {
    line(
      `${words.opened}${words.colon}${when(meeting.openedAt)}${meeting.openedBy ? ` ${words.by} ${meeting.openedBy.displayName}` : ''}`,
    );
  }
  if (meeting.closedAt) {
    line(
      `${words.closed}${words.colon}${when(meeting.closedAt)}${meeting.closedBy ? ` ${words.by} ${meeting.closedBy.displayName}` : ''}`,
    );
  }

  // Attendance
  heading(words.attendance);
  if (attendance.length === 0) {
    line(words.noAttendance);
  } else {
    doc.table({
      columnStyles: ['*', '*', 70, '*'],
      defaultStyle: { padding: 4, border: 0.5, borderColor: '#888888' },
      rowStyles: (row) => (row === 0 ? { backgroundColor: '#eeeeee' } : undefined),
      data: [
        [words.agency, words.sector, words.status, words.representative],
        ...attendance.map((entry) => [
          entry.agency.name,
          code('sector', entry.sector),
          words.attendanceStatuses[entry.status],
          entry.representative?.displayName ?? '—',
        ]),
      ],
    });
    doc.x = MARGIN;
  }

  // Items in agenda order
  heading(words.agenda);
  if (items.length === 0) line(words.noItems);
  for (const item of items) renderItem(item);

  // Approval
  doc.moveDown(1);
  if (minutes.status === 'approved' && minutes.approvedAt && minutes.contentSha256) {
    doc.font('Helvetica-Bold').fontSize(10);
    doc.text(
      words.approvedLine(
        when(minutes.approvedAt),
        minutes.approvedBy?.displayName ?? '—',
        minutes.contentSha256,
      ),
    );
  } else {
    doc.font('Helvetica-Bold').fontSize(12).fillColor('#b00020').text(words.draftBanner);
    doc.fillColor('black');
  }
  doc.moveDown(0.3);
  line(words.generated(when(minutes.content.generatedAt)), { oblique: true });

  // Page numbers (and the draft mark on every page), drawn once the page count is known.
  const range = doc.bufferedPageRange();
  for (let index = range.start; index < range.start + range.count; index++) {
    doc.switchToPage(index);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const footer = `${minutes.status === 'draft' ? `${words.draftBanner} · ` : ''}${words.page(index - range.start + 1, range.count)}`;
    doc
      .font('Helvetica')
      .fontSize(8)
      .fillColor('black')
      .text(footer, MARGIN, doc.page.height - MARGIN / 2 - 4, {
        width: doc.page.width - MARGIN * 2,
        align: 'center',
        lineBreak: false,
      });
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return done;

  function renderItem(item: MinutesItem) {
    doc.moveDown(0.6);
    doc
      .font('Helvetica-Bold')
      .fontSize(12)
      .text(`${item.position + 1}. ${item.reference} — ${words.sections[item.section]}`);
    line(
      `${words.stageAtOpening}${words.colon}${words.stages[item.stageAtOpening]} · ${words.stageNow}${words.colon}${words.stages[item.stage]}`,
    );
    doc.moveDown(0.2).font('Helvetica-Bold').fontSize(10).text(words.decisions);
    if (item.decisions.length === 0) line(words.noDecisions, { indent: 12 });
    for (const decision of item.decisions) {
      line(
        `• ${words.decision(decision, code)} (${when(decision.decidedAt)}${decision.decidedBy ? `, ${decision.decidedBy.displayName}` : ''})`,
        { indent: 12 },
      );
    }
    if (item.reportBacks.length > 0) {
      doc.moveDown(0.2).font('Helvetica-Bold').fontSize(10).text(words.reportBacks);
      for (const reportBack of item.reportBacks) {
        line(
          `• ${reportBack.agency.name}${words.colon}${reportBack.statusUpdate ?? words.destroyed}`,
          {
            indent: 12,
          },
        );
      }
    }
    if (item.actionItems.length > 0) {
      doc.moveDown(0.2).font('Helvetica-Bold').fontSize(10).text(words.actionItems);
      for (const action of item.actionItems) {
        const flags = [
          words.actionStatuses[action.status],
          action.overdue ? words.overdue : null,
          action.agreedInMeeting ? words.agreedHere : null,
        ].filter(Boolean);
        line(
          `• ${words.actionKinds[action.kind]} — ${action.ownerAgency.name}${actionText(action, words)} (${words.due} ${when(action.dueAt)}; ${flags.join(', ')})`,
          { indent: 12 },
        );
      }
    }
  }
}

/**
 * An action item's description after its kind and owner. The first contact the assignment opens
 * has none (its kind says it all); any other missing description was destroyed with the
 * situation's free text.
 */
function actionText(
  action: { kind: 'first_contact' | 'task'; description: string | null },
  words: { colon: string; destroyed: string },
): string {
  if (action.description !== null) return `${words.colon}${action.description}`;
  return action.kind === 'first_contact' ? '' : `${words.colon}${words.destroyed}`;
}
