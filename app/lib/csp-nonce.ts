import { createContext, useContext } from "react";

/** The nonce of the document being rendered on the server; in the browser there is none (scripts already ran). */
const CspNonceContext = createContext<string | undefined>(undefined);

export const CspNonceProvider = CspNonceContext.Provider;

export function useCspNonce(): string | undefined {
  return useContext(CspNonceContext);
}
