// Placeholder with the agreed signature; the certificate work replaces the body.
import type { CertificateInput, IssueOptions, IssuedCertificate } from './input';

export async function issueCertificate(_input: CertificateInput, _opts: IssueOptions): Promise<IssuedCertificate> {
  throw new Error('certificates are not available in this build');
}
