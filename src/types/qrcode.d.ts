// Minimal types for qrcode (PNG of the WhatsApp login QR, `penghubung whatsapp login`).
declare module 'qrcode' {
  export interface ToBufferOptions {
    /** Width of the image in pixels. */
    width?: number;
    /** Quiet zone, in modules. */
    margin?: number;
    errorCorrectionLevel?: 'L' | 'M' | 'Q' | 'H';
  }

  /** A PNG image of the QR code. */
  export function toBuffer(text: string, options?: ToBufferOptions): Promise<Buffer>;

  const qrcode: { toBuffer: typeof toBuffer };
  export default qrcode;
}
