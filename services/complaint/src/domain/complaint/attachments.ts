import { DomainRuleViolation } from '@claims/event-sourcing';
import { DocumentFile } from '@claims/documents';
import { ComplaintEvent, recordComplaint } from './complaint.events';
import { Complaint } from './complaint.state';
import { Acting, complaintIn, requireText } from './complaint.guards';

export interface AddAttachment extends Acting {
  readonly documentId: string;
  readonly kind: string;
  /** Checked (type, size, content of the declared type), sealed and stored before it is recorded. */
  readonly file: DocumentFile;
}

/**
 * A document joins the complaint while it is handled (from the complainant or the desk). The same
 * file twice is refused; the same upload retried records nothing.
 */
export function addAttachment(state: Complaint, command: AddAttachment): ComplaintEvent[] {
  const complaint = complaintIn(
    state,
    'add an attachment',
    'received',
    'awaiting-assignment',
    'investigating',
    'awaiting-approval',
    'plan-adopted',
    'awaiting-customer',
  );
  const { documentId, kind, file, actor, now } = command;
  requireText(kind, 'kind');
  if (complaint.attachments.some((a) => a.documentId === documentId)) return [];
  const same = complaint.attachments.find((a) => a.contentHash === file.contentHash);
  if (same) {
    throw new DomainRuleViolation('duplicate-attachment', 'This file is already attached to the complaint', {
      documentId: same.documentId,
    });
  }
  const attachment = { documentId, kind, ...file };
  return [
    recordComplaint(
      'AttachmentAdded',
      { complaintId: complaint.complaintId, attachment, addedBy: actor.id, addedAt: now.toISOString() },
      { occurredAt: now },
    ),
  ];
}
