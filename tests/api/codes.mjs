// Valid identity codes for tests, computed by the published algorithms
// (GB 11643-1999 for ID cards, GB 32100-2015 and GB 11714 for credit codes).

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

/** A valid 18-character ID-card number; `n` picks the birth day and sequence. */
export function validIdCard(n, region = '431127') {
  const day = String(1 + (n % 28)).padStart(2, '0');
  const month = String(1 + (Math.floor(n / 28) % 12)).padStart(2, '0');
  const seq = String(n % 1000).padStart(3, '0');
  const first17 = `${region}1980${month}${day}${seq}`;
  const sum = [...first17].reduce((s, c, i) => s + Number(c) * ID_WEIGHTS[i], 0);
  return first17 + '10X98765432'[sum % 11];
}

const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

/** A valid unified social credit code of an enterprise in 蓝山县; `n` picks the organization code. */
export function validUscc(n, region = '431127') {
  const org8 = String(n).padStart(8, '0');
  // GB 11714 values letters A=10 … Z=35 (the full alphabet, unlike the USCC's).
  const orgSum = [...org8].reduce((s, c, i) => s + parseInt(c, 36) * ORG_WEIGHTS[i], 0);
  const orgCheckValue = 11 - (orgSum % 11);
  const orgCheck = orgCheckValue === 10 ? 'X' : orgCheckValue === 11 ? '0' : String(orgCheckValue);
  const first17 = `91${region}${org8}${orgCheck}`;
  const sum = [...first17].reduce((s, c, i) => s + USCC_ALPHABET.indexOf(c) * USCC_WEIGHTS[i], 0);
  return first17 + USCC_ALPHABET[(31 - (sum % 31)) % 31];
}
