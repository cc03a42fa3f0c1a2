declare module "mailauth/lib/dkim/verify" {
  export function dkimVerify(
    message: Buffer,
    options?: { resolver?: (name: string, type: string) => Promise<string[][]> },
  ): Promise<{ results: { status: { result: string }; info: string }[] }>;
}
