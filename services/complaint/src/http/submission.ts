import { HttpStatus } from '@nestjs/common';
import { ProblemException } from '@claims/service-host';
import { MAX_DOCUMENT_BYTES } from '@claims/documents';
import { ReceiveComplaintInput } from '../application/receipt/receive-complaint.command';
import { Remedy } from '../domain/complaint/complaint.events';
import { ComplaintSubmission, ComplaintRemedyRequest } from './complaint.requests';

/** A request's complaint as the receipt command takes it: identity and words apart (sealed). */
export function submissionOf(body: ComplaintSubmission): Omit<ReceiveComplaintInput, 'channel'> {
  return {
    complainant: {
      name: body.name,
      phone: body.phone,
      ...(body.email ? { email: body.email } : {}),
      ...(body.agent ? { agentName: body.agent.name } : {}),
      description: body.description,
      request: body.request,
    },
    agent: body.agent
      ? {
          relationship: body.agent.relationship,
          authorisation: {
            ...body.agent.authorisation,
            validUntil: body.agent.authorisation.validUntil ?? null,
          },
        }
      : null,
    relatedClaimNumbers: body.relatedClaimNumbers ?? [],
    policyNumber: body.policyNumber ?? null,
    category: body.category,
    requestedRemedies: body.requestedRemedies ?? [],
    amountClaimed: body.amountClaimed ? { ...body.amountClaimed } : null,
    attachments: (body.attachments ?? []).map((a) => ({ ...a })),
  };
}

export function remediesOf(remedies: readonly ComplaintRemedyRequest[]): Remedy[] {
  return remedies.map((r) => ({
    kind: r.kind,
    description: r.description,
    amount: r.amount ? { ...r.amount } : null,
  }));
}

/** What multer hands over for a multipart file (memory storage). */
export interface MultipartFile {
  readonly buffer: Buffer;
  readonly mimetype: string;
  readonly size: number;
}

/** The uploaded file, or a 400 naming the missing part. */
export function uploadedFile(file: MultipartFile | undefined): { bytes: Buffer; mediaType: string } {
  if (!file) {
    throw new ProblemException(HttpStatus.BAD_REQUEST, 'Invalid request', undefined, {
      errors: [{ path: 'file', message: 'file is required' }],
    });
  }
  return { bytes: file.buffer, mediaType: file.mimetype };
}

/** Multer's limits for an attachment: one file of at most twice the accepted size (the rule answers 422). */
export const UPLOAD_LIMITS = { limits: { fileSize: 2 * MAX_DOCUMENT_BYTES, files: 1, fields: 5 } };
