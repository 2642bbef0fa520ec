import { UploadDocumentHandler } from './claim-documents/upload-document.command';
import { GetClaimDocumentHandler, GetDocumentContentHandler } from './claim-documents/claim-document.queries';
import { DocumentContents } from './claim-documents/document-contents';
import {
  GetClaimApplicationAsOfHandler,
  GetClaimHistoryHandler,
} from './claim-history/claim-history.queries';
import { SubmitClaimHandler } from './claim-submission/submit-claim.command';
import { GetClaimStatusHandler, ListClaimStatusesHandler } from './claim-tracking/claim-status.queries';
import { GetClaimApplicationHandler } from './claim-tracking/get-claim-application.query';
import {
  AnswerConsultationHandler,
  HandOverConsultationHandler,
  TakeConsultationHandler,
} from './consultations/consultation-work.commands';
import { GetConsultationHandler } from './consultations/get-consultation.query';
import { RegisterConsultationHandler } from './consultations/register-consultation.command';
import { RegisterReferredConsultationHandler } from './consultations/register-referred-consultation.command';
import { GetPolicyHandler } from './policies/get-policy.query';
import { ImportPoliciesHandler } from './policies/import-policies.command';
import { ReportClaimHandler } from './report-claim/report-claim.command';
import { ProvideSupplementaryDocumentsHandler } from './supplementary-documents/provide-supplementary-documents.command';
import { RecordReviewProgressHandler } from './review-progress/record-review-progress.command';
import { RecordSupplementaryRequestHandler } from './supplementary-documents/record-supplementary-request.command';
import { GetWorkQueueHandler } from './work-queue/get-work-queue.query';

/** Every command and query handler of intake, by step, and the application services they use. */
export const intakeApplication = [
  // consultations
  RegisterConsultationHandler,
  RegisterReferredConsultationHandler,
  TakeConsultationHandler,
  HandOverConsultationHandler,
  AnswerConsultationHandler,
  GetConsultationHandler,
  GetWorkQueueHandler,
  // policies
  ImportPoliciesHandler,
  GetPolicyHandler,
  // claim report, documents, submission, supplementary documents
  ReportClaimHandler,
  UploadDocumentHandler,
  DocumentContents,
  GetClaimDocumentHandler,
  GetDocumentContentHandler,
  SubmitClaimHandler,
  RecordSupplementaryRequestHandler,
  ProvideSupplementaryDocumentsHandler,
  // claims review's progress, for the customer's status
  RecordReviewProgressHandler,
  // tracking and auditing
  GetClaimApplicationHandler,
  ListClaimStatusesHandler,
  GetClaimStatusHandler,
  GetClaimHistoryHandler,
  GetClaimApplicationAsOfHandler,
];
