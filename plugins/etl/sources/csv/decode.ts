/**
 * CSV bytes → text. The files are meant to be UTF-8 (a BOM is dropped), but a spreadsheet saved
 * on Windows may hand us Windows-1252: rather than turn every accent into `�`, such a file is
 * read as Windows-1252 and the caller warns.
 */

export interface DecodedText {
  text: string
  encoding: 'utf-8' | 'windows-1252'
}

/**
 * @example
 * decodeCsvBytes(new Uint8Array([0xef, 0xbb, 0xbf, 0x41])) // { text: 'A', encoding: 'utf-8' }
 * decodeCsvBytes(new Uint8Array([0xe9]))                   // { text: 'é', encoding: 'windows-1252' }
 */
export function decodeCsvBytes(bytes: Uint8Array): DecodedText {
  const hasBom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf
  const body = hasBom ? bytes.subarray(3) : bytes
  try {
    return {
      text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body),
      encoding: 'utf-8',
    }
  } catch {
    return { text: new TextDecoder('windows-1252').decode(body), encoding: 'windows-1252' }
  }
}
