/**
 * The join link as an SVG QR code. The QR encoder (the qrcode package, ~20 KB) is loaded only
 * when a QR code is first asked for, not with the board.
 */
export async function qrCodeSvg(text: string): Promise<string> {
  const { default: QRCode } = await import('qrcode');
  return QRCode.toString(text, { type: 'svg', margin: 2, errorCorrectionLevel: 'M', color: { dark: '#000000', light: '#ffffff' } });
}
