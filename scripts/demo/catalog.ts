/**
 * What the distributor sells — paper, toner, stationery, household goods, furniture, office
 * equipment — and how each client segment fills an order. Prices are 2024 roubles; 2025 prices
 * are indexed for inflation, so revenue grows a little even at constant volume.
 */
import type { Rng } from './rng.js';
import type { Segment } from './types.js';

type Category = 'paper' | 'toner' | 'stationery' | 'household' | 'furniture' | 'equipment';

/** One catalogue item. */
export interface Product {
  name: string;
  /** Price per unit in 2024, roubles. */
  price: number;
  /** Purchase cost as a share of price (the distributor's margin is the rest). */
  costShare: number;
  category: Category;
  /** Typical quantity per order line for a small office. */
  baseQty: number;
}

const p = (category: Category, name: string, price: number, costShare: number, baseQty: number): Product => ({
  name,
  price,
  costShare,
  category,
  baseQty,
});

/** The price list. */
export const CATALOG: readonly Product[] = [
  p('paper', 'Бумага офисная SvetoCopy A4, 80 г/м2, 500 л.', 330, 0.78, 20),
  p('paper', 'Бумага офисная «Снегурочка» A4, 80 г/м2, 500 л.', 345, 0.78, 20),
  p('paper', 'Бумага офисная Ballet Classic A4, 80 г/м2, 500 л.', 420, 0.75, 10),
  p('paper', 'Бумага офисная SvetoCopy A3, 80 г/м2, 500 л.', 690, 0.76, 3),
  p('paper', 'Блок для записей 9x9 см, 500 л.', 95, 0.6, 10),
  p('toner', 'Картридж лазерный HP 59A (CF259A)', 9800, 0.82, 1),
  p('toner', 'Картридж лазерный HP 85A (CE285A)', 6200, 0.8, 1),
  p('toner', 'Картридж лазерный Canon 737', 6900, 0.8, 1),
  p('toner', 'Тонер-картридж Kyocera TK-1170', 5400, 0.78, 1),
  p('toner', 'Тонер-картридж Brother TN-2375', 4800, 0.78, 1),
  p('toner', 'Картридж совместимый для HP CF259A', 2100, 0.6, 2),
  p('toner', 'Тонер-картридж Xerox 006R01573', 4300, 0.8, 1),
  p('stationery', 'Ручка шариковая Erich Krause R-301, синяя', 22, 0.55, 50),
  p('stationery', 'Ручка гелевая Pilot G-2, синяя', 145, 0.62, 12),
  p('stationery', 'Карандаш чернографитный Koh-i-Noor HB', 38, 0.6, 24),
  p('stationery', 'Текстовыделители Stabilo Boss, набор 4 цв.', 560, 0.65, 3),
  p('stationery', 'Скрепки 28 мм, 100 шт.', 45, 0.5, 10),
  p('stationery', 'Степлер №24/6 Kangaro', 390, 0.6, 2),
  p('stationery', 'Скобы для степлера №24/6, 1000 шт.', 55, 0.5, 10),
  p('stationery', 'Папка-регистратор 75 мм, А4', 210, 0.6, 10),
  p('stationery', 'Файлы-вкладыши А4, 100 шт.', 260, 0.55, 5),
  p('stationery', 'Блокнот А5, 80 л., клетка', 120, 0.58, 10),
  p('stationery', 'Стикеры 76x76 мм, 100 л.', 85, 0.55, 10),
  p('stationery', 'Ежедневник датированный А5', 690, 0.6, 5),
  p('stationery', 'Клей-карандаш 21 г', 75, 0.55, 10),
  p('stationery', 'Корректирующая лента 5 мм', 110, 0.58, 5),
  p('stationery', 'Калькулятор настольный Casio', 1450, 0.7, 1),
  p('household', 'Бумага туалетная Tork, 8 рул.', 520, 0.72, 6),
  p('household', 'Полотенца бумажные Z-сложения, 200 л.', 150, 0.7, 20),
  p('household', 'Мешки для мусора 120 л, 10 шт.', 190, 0.6, 10),
  p('household', 'Средство для мытья посуды, 1 л', 210, 0.62, 4),
  p('household', 'Вода питьевая, 19 л', 390, 0.65, 8),
  p('household', 'Кофе в зёрнах, 1 кг', 1650, 0.72, 3),
  p('household', 'Чай чёрный, 100 пак.', 390, 0.68, 5),
  p('household', 'Сахар-рафинад, 1 кг', 130, 0.75, 5),
  p('furniture', 'Стол офисный 1400x700 мм', 8900, 0.68, 1),
  p('furniture', 'Кресло офисное', 7900, 0.66, 1),
  p('furniture', 'Шкаф для документов', 14500, 0.68, 1),
  p('furniture', 'Тумба мобильная, 3 ящика', 6200, 0.68, 1),
  p('furniture', 'Стеллаж металлический', 5400, 0.7, 1),
  p('equipment', 'Уничтожитель документов', 8900, 0.75, 1),
  p('equipment', 'Ламинатор А4', 4200, 0.72, 1),
  p('equipment', 'МФУ лазерное HP LaserJet', 28900, 0.85, 1),
];

const CATEGORIES: readonly Category[] = ['paper', 'toner', 'stationery', 'household', 'furniture', 'equipment'];

interface SegmentProfile {
  /** Weights over CATEGORIES. */
  mix: readonly number[];
  lines: readonly [number, number];
  /** Quantity multiplier relative to a small office. */
  scale: number;
}

const PROFILES: Record<Segment, SegmentProfile> = {
  'Малый бизнес': { mix: [35, 15, 30, 17, 2, 1], lines: [1, 3], scale: 0.8 },
  'Средний бизнес': { mix: [30, 18, 27, 20, 3, 2], lines: [1, 4], scale: 2.4 },
  'Крупный бизнес': { mix: [28, 20, 25, 22, 3, 2], lines: [2, 4], scale: 6 },
  Госсектор: { mix: [35, 25, 25, 8, 5, 2], lines: [1, 4], scale: 3.5 },
  Образование: { mix: [35, 12, 40, 5, 6, 2], lines: [1, 3], scale: 3 },
};

/** One line of an order before it becomes an invoice line. */
export interface OrderLine {
  product: Product;
  quantity: number;
  /** Kopecks. */
  amount: number;
  cost: number;
}

/** 2025 price list is about 9 % dearer. */
function priceIndex(year: number): number {
  return year >= 2025 ? 1.09 : 1;
}

/** Order size by month: year-end budgets (public sector most of all) and back-to-school. */
function sizeFactor(segment: Segment, month: number): number {
  if (month === 12) return segment === 'Госсектор' ? 1.6 : 1.2;
  if (month === 8 || month === 9) return segment === 'Образование' ? 1.5 : 1.1;
  return 1;
}

/** Draws one order: distinct products, quantities scaled by segment and season. */
export function drawOrder(rng: Rng, segment: Segment, year: number, month: number): OrderLine[] {
  const profile = PROFILES[segment];
  const mix = profile.mix.map((w, i) =>
    // Schools refurnish classrooms in the summer, before September.
    CATEGORIES[i] === 'furniture' && segment === 'Образование' && (month === 7 || month === 8) ? w * 4 : w,
  );
  const count = rng.int(profile.lines[0], profile.lines[1]);
  const chosen = new Set<Product>();
  const lines: OrderLine[] = [];
  const scale = profile.scale * sizeFactor(segment, month);
  for (let attempt = 0; lines.length < count && attempt < count * 6; attempt++) {
    const category = CATEGORIES[rng.weightedIndex(mix)];
    const candidates = CATALOG.filter((x) => x.category === category);
    const product = rng.pick(candidates);
    if (chosen.has(product)) continue;
    chosen.add(product);
    lines.push(line(product, Math.max(1, Math.round(product.baseQty * scale * rng.logNormal(1, 0.4))), year));
  }
  // Free delivery starts at a minimum order, so nobody orders one glue stick: scale up.
  const sum = lines.reduce((s, l) => s + l.amount, 0);
  const min = (segment === 'Малый бизнес' ? MIN_ORDER_SMALL : MIN_ORDER) * 100;
  if (sum > 0 && sum < min) {
    const k = Math.ceil(min / sum);
    return lines.map((l) => line(l.product, l.quantity * k, year));
  }
  return lines;
}

/** Minimum order in roubles (small offices, everyone else). */
const MIN_ORDER_SMALL = 3000;
const MIN_ORDER = 5000;

function line(product: Product, quantity: number, year: number): OrderLine {
  const unitKop = Math.round(product.price * priceIndex(year) * 100);
  const amount = quantity * unitKop;
  return { product, quantity, amount, cost: Math.round(amount * product.costShare) };
}
