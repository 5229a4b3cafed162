import type { ButtonHTMLAttributes, ReactNode, Ref } from 'react';
import { Icon, type IconName } from './Icon.js';
import './Button.css';

export type ButtonVariant = 'secondary' | 'primary' | 'danger' | 'quiet';
export type ButtonSize = 'sm' | 'md' | 'lg';

const VARIANT: Record<ButtonVariant, string> = {
  secondary: '',
  primary: ' button--primary',
  danger: ' button--danger',
  quiet: ' button--quiet',
};
const SIZE: Record<ButtonSize, string> = { sm: ' button--small', md: '', lg: ' button--large' };

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: ButtonVariant;
  size?: ButtonSize;
  /** An icon before the words (decorative). */
  icon?: IconName;
  /** An icon after the words (decorative), e.g. a chevron. */
  iconEnd?: IconName;
  /** Full width, text at the start (menus and stacked lists). */
  block?: boolean;
  /** Pressed or "on" look for toggle buttons (use with aria-pressed). */
  ref?: Ref<HTMLButtonElement>;
  children?: ReactNode;
}

export function buttonClass(variant: ButtonVariant = 'secondary', size: ButtonSize = 'md', extra?: string, block = false): string {
  return `button${VARIANT[variant]}${SIZE[size]}${block ? ' button--block' : ''}${extra ? ` ${extra}` : ''}`;
}

/** A button with words: the one look for every action. `type="button"` unless told otherwise. */
export function Button({
  variant = 'secondary',
  size = 'md',
  icon,
  iconEnd,
  block = false,
  className,
  children,
  type = 'button',
  ref,
  ...rest
}: ButtonProps) {
  return (
    <button ref={ref} type={type} className={buttonClass(variant, size, className, block)} {...rest}>
      {icon && <Icon name={icon} />}
      {children}
      {iconEnd && <Icon name={iconEnd} />}
    </button>
  );
}

export interface IconButtonProps extends Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'children'> {
  icon: IconName;
  /** The button's name for assistive tech, and its tooltip. */
  label: string;
  variant?: 'plain' | 'outline' | 'primary';
  size?: 'sm' | 'md';
  /** A small count or mark on the button (e.g. raised hands). */
  badge?: ReactNode;
  ref?: Ref<HTMLButtonElement>;
}

/** A button that shows only an icon: its name is `label` (also shown as a tooltip). */
export function IconButton({
  icon,
  label,
  variant = 'plain',
  size = 'md',
  badge,
  className,
  type = 'button',
  ref,
  title,
  ...rest
}: IconButtonProps) {
  return (
    <button
      ref={ref}
      type={type}
      className={`icon-button icon-button--${variant}${size === 'sm' ? ' icon-button--small' : ''}${className ? ` ${className}` : ''}`}
      aria-label={label}
      title={title ?? label}
      {...rest}
    >
      <Icon name={icon} size={size === 'sm' ? 'md' : 'lg'} />
      {badge}
    </button>
  );
}
