import type { Places } from './org.js';
import type { Random } from './random.js';

/**
 * Fake but well-formed personal data for the citizens in the demo. Identity numbers use the region
 * prefix 4399xx, which belongs to no real county, and carry a valid GB 11643 check digit.
 */
const SURNAMES = [
  '王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '胡', '朱', '高', '林', '何', '郭', '马', '罗',
  '梁', '宋', '郑', '谢', '韩', '唐', '冯', '邓', '曹', '彭', '曾', '肖', '田', '董', '潘', '袁', '蒋', '蔡', '余', '杜',
  '叶', '程', '魏', '苏', '吕', '丁', '任', '沈', '姚', '卢', '钟', '谭', '廖', '邹', '熊', '汤', '贺', '龙', '向', '易',
];
const MALE_GIVEN = [
  '建国', '志强', '国平', '海波', '勇', '军', '伟', '磊', '斌', '浩然', '子轩', '宇航', '德明', '长青', '春生', '家豪',
  '文斌', '俊杰', '明辉', '振华', '新民', '立军', '红兵', '树林', '小龙', '少华', '正阳', '凯', '鹏', '晨阳',
];
const FEMALE_GIVEN = [
  '秀英', '桂兰', '丽华', '春梅', '红霞', '婷', '静', '敏', '芳', '丽', '雪梅', '晓燕', '玉兰', '淑珍', '欣怡', '梓涵',
  '雨萱', '佳怡', '慧', '艳', '小红', '美玲', '金凤', '彩霞', '思琪', '楠', '月娥', '翠花', '梦瑶', '海燕',
];
const MOBILE_PREFIXES = ['130', '131', '133', '135', '136', '137', '138', '139', '150', '151', '152', '153', '155', '157',
  '158', '159', '166', '173', '177', '180', '181', '182', '186', '187', '188', '189', '191', '198', '199'];

export type Person = { name: string; male: boolean; age: number };

export function person(rng: Random): Person {
  const male = rng.chance(0.55);
  const age = rng.weighted([[rng.int(18, 30), 2], [rng.int(31, 50), 4], [rng.int(51, 65), 3], [rng.int(66, 82), 1]] as const);
  return { name: rng.pick(SURNAMES) + rng.pick(male ? MALE_GIVEN : FEMALE_GIVEN), male, age };
}

export function mobile(rng: Random): string {
  return rng.pick(MOBILE_PREFIXES) + String(rng.int(0, 99_999_999)).padStart(8, '0');
}

/** GB 11643-1999: the check character of the first 17 digits. */
export function idCheckDigit(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = weights.reduce((total, weight, i) => total + weight * Number(first17[i]), 0);
  return '10X98765432'[sum % 11];
}

/** An identity number consistent with the person's age and sex (the 17th digit is odd for men). */
export function idNumber(rng: Random, who: Person, now: Date): string {
  const year = now.getUTCFullYear() - who.age - (rng.chance(0.5) ? 1 : 0);
  const month = rng.int(1, 12);
  const day = rng.int(1, 28);
  const order = rng.int(0, 49) * 2 + (who.male ? 1 : 0) + rng.int(0, 9) * 100;
  const first17 = `4399${String(rng.int(1, 6)).padStart(2, '0')}${year}${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}`
    + String(order).padStart(3, '0');
  return first17 + idCheckDigit(first17);
}

export function homeAddress(rng: Random, places: Places): string {
  if (rng.chance(0.5)) {
    return `青山县${places.town}${rng.pick(places.villages)}${rng.int(1, 12)}组${rng.int(1, 60)}号`;
  }
  return `青山县${places.town}${rng.pick(places.communities)}${rng.int(1, 18)}栋${rng.int(1, 4)}单元${rng.int(1, 18)}0${rng.int(1, 4)}室`;
}
