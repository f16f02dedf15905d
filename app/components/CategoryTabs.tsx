import { Link } from "@remix-run/react";

interface CategoryTabsProps {
  categories: { slug: string; name: string }[];
  current: string | null;
  /** The address of a category's tab (null: 전체). */
  href: (category: string | null) => string;
}

/** 전체 and a tab per category, the current one marked. */
export function CategoryTabs({ categories, current, href }: CategoryTabsProps) {
  return (
    <ul className="category-tabs" aria-label="카테고리">
      <li>
        <Link to={href(null)} aria-current={current ? undefined : "page"} prefetch="intent">
          전체
        </Link>
      </li>
      {categories.map((c) => (
        <li key={c.slug}>
          <Link to={href(c.slug)} aria-current={current === c.slug ? "page" : undefined} prefetch="intent">
            {c.name}
          </Link>
        </li>
      ))}
    </ul>
  );
}
