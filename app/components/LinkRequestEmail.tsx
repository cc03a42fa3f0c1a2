// The address field of a "send me a link" form (back-office sign-in, personal space): its error in the
// summary and beside the field, what was typed kept.
import { ErrorSummary, TextField } from "~/components/Field";

export function LinkRequestEmail({ result }: { result: { sent: boolean; email: string; error?: string } | undefined }) {
  const error = result && !result.sent ? result.error : undefined;
  return (
    <>
      <ErrorSummary errors={{ email: error }} labels={{ email: "Adresse e-mail" }} />
      <TextField name="email" label="Adresse e-mail" type="email" required autoComplete="email" defaultValue={result?.email} error={error} />
    </>
  );
}
