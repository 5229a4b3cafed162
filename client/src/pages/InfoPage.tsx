import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { About } from '../../../shared/about.js';
import { registerNamespace } from '../i18n.js';
import { PageHeader } from '../components/PageHeader.js';
import { InfoFooter } from '../components/InfoFooter.js';
import './InfoPage.css';

/**
 * /privacy and /accessibility: the privacy notice and the accessibility statement. Their text is
 * the 'info' namespace (locales/<lang>/info.json), loaded with this chunk, never by the board's
 * pages; who runs the board and how long boards are kept come from GET /api/about.
 */
export type InfoPageName = 'privacy' | 'accessibility';

let about: About | null = null;

/** Resolves once the text and the operator's details are here (or could not be had): App waits for it. */
export const infoReady: Promise<void> = Promise.all([
  registerNamespace('info', {
    en: () => import('../locales/en/info.json').then((m) => m.default),
    cy: () => import('../locales/cy/info.json').then((m) => m.default),
  }).catch(() => undefined),
  fetch('/api/about', { headers: { Accept: 'application/json' } })
    .then((res) => (res.ok ? res.json() : null))
    .then(
      (json) => {
        about = About.safeParse(json).data ?? null;
      },
      () => undefined,
    ),
]).then(() => undefined);

/** One piece of a section, as the locale files write it. */
interface Block {
  p?: string;
  /** Shown only when boards are deleted after idle days, or only when they are kept. */
  when?: 'retention' | 'keptForever';
  list?: string[];
  h3?: string;
  link?: string;
  text?: string;
  /** Where the operator's contact details go. */
  contact?: string;
}
interface Section {
  id: string;
  heading: string;
  blocks: Block[];
}

function sectionsOf(value: unknown): Section[] {
  if (!Array.isArray(value)) return [];
  return value.filter((s): s is Section => typeof s?.id === 'string' && typeof s.heading === 'string' && Array.isArray(s.blocks));
}

/** An e-mail address, a web address or a phone number becomes a link; anything else stays text. */
function ContactPart({ value }: { value: string }) {
  if (/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value)) return <a href={`mailto:${value}`}>{value}</a>;
  if (/^https:\/\/\S+$/.test(value)) return <a href={value}>{value}</a>;
  if (/^\+?[\d\s()-]{6,}$/.test(value)) return <a href={`tel:${value.replace(/[^\d+]/g, '')}`}>{value}</a>;
  return <>{value}</>;
}

function Contact() {
  const { t } = useTranslation('info');
  const name = about?.operator.name;
  const contact = about?.operator.contact;
  const parts = contact ? contact.split(/\s*[;,]\s*/).filter(Boolean) : [];
  return (
    <div className="info-contact">
      <h3>{t('info.contactHeading')}</h3>
      {parts.length > 0 ? (
        <ul className="info-contact__list">
          {name && <li>{name}</li>}
          {parts.map((part) => (
            <li key={part}>
              <ContactPart value={part} />
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('info.noContact')}</p>
      )}
    </div>
  );
}

function BlockView({ block, retention }: { block: Block; retention: boolean | null }) {
  if (block.when === 'retention' && retention !== true) return null;
  if (block.when === 'keptForever' && retention !== false) return null;
  if (block.contact) return <Contact />;
  if (block.h3) return <h3>{block.h3}</h3>;
  if (block.list)
    return (
      <ul className="info-page__list">
        {block.list.map((item) => (
          <li key={item}>{item}</li>
        ))}
      </ul>
    );
  if (block.link && block.text)
    return (
      <p>
        <a href={block.link}>{block.text}</a>
      </p>
    );
  return block.p ? <p>{block.p}</p> : null;
}

export function InfoPage({ page }: { page: InfoPageName }) {
  const { t, i18n } = useTranslation('info');
  const { t: tApp } = useTranslation();
  const loaded = i18n.hasResourceBundle(i18n.language, 'info') || i18n.hasResourceBundle('en', 'info');
  const name = about?.operator.name ?? null;
  const days = about ? about.retentionDays : undefined;
  const vars = {
    operator: name ?? t('info.operatorFallback'),
    operatorStart: name ?? t('info.operatorFallbackStart'),
    days: days ? t('info.days', { count: days }) : '',
  };
  const title = loaded ? t(`${page}.title`) : tApp(page === 'privacy' ? 'infoLinks.privacy' : 'infoLinks.accessibility');
  const sections = loaded ? sectionsOf(t(`${page}.sections`, { returnObjects: true, ...vars })) : [];
  // Unknown (GET /api/about failed): neither the idle-days sentence nor "kept until deleted".
  const retention = days === undefined ? null : days !== null;

  useEffect(() => {
    document.title = `${title} – ${tApp('app.name')}`;
  }, [title, tApp]);

  return (
    <>
      <PageHeader />
      <main id="main" className="page page--narrow info-page" tabIndex={-1}>
        <h1>{title}</h1>
        {!loaded ? (
          <p role="alert">{tApp('infoLinks.notLoaded')}</p>
        ) : (
          <>
            <p className="lead">{t(`${page}.intro`)}</p>
            <p className="info-page__updated">{t('info.updated')}</p>
            <nav className="info-contents" aria-labelledby="info-contents">
              <h2 id="info-contents" className="info-contents__heading">
                {t('info.contents')}
              </h2>
              <ul>
                {sections.map((s) => (
                  <li key={s.id}>
                    <a href={`#${s.id}`}>{s.heading}</a>
                  </li>
                ))}
              </ul>
            </nav>
            {sections.map((s) => (
              <section key={s.id} className="info-section" aria-labelledby={s.id}>
                <h2 id={s.id}>{s.heading}</h2>
                {s.blocks.map((block, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: a section's blocks are fixed text, never reordered.
                  <BlockView key={i} block={block} retention={retention} />
                ))}
              </section>
            ))}
          </>
        )}
      </main>
      <InfoFooter current={page} />
    </>
  );
}
